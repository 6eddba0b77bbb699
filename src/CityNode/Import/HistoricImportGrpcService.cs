using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Import;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode.Import;

/// <summary>
/// healthrecords.city.v1.HistoricImportService (issue 8): translates the stream's messages to the
/// import decider and store. Each batch is answered once committed; a record's invalid field is its
/// answer, not the stream's failure.
/// </summary>
public sealed class HistoricImportGrpcService(HistoricImportStore imports, CityTopology topology, TimeProvider clock) : IGrpcService
{
    private const string Audited = "historic import";
    private const int DefaultImports = 20;
    private const int MaxImports = 100;

    public ServiceDescriptor Descriptor => HistoricImportReflection.Descriptor.FindTypeByName<ServiceDescriptor>("HistoricImportService");

    public void Bind(ServiceBinder binder) => binder
        .DuplexStreaming<ImportHistoricRecordsRequest, ImportHistoricRecordsResponse>(nameof(ImportHistoricRecords), ImportHistoricRecords)
        .Unary<GetHistoricImportRequest, Contracts.City.V1.HistoricImport>(nameof(GetHistoricImport), GetHistoricImport)
        .Unary<ListHistoricImportsRequest, ListHistoricImportsResponse>(nameof(ListHistoricImports), ListHistoricImports);

    private async Task ImportHistoricRecords(IAsyncStreamReader<ImportHistoricRecordsRequest> requests,
        IServerStreamWriter<ImportHistoricRecordsResponse> responses, ServerCallContext context)
    {
        var principal = context.RequireOperation(Operation.ImportHistoricRecords);
        Grains.Import.HistoricImport? import = null;
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = requests.Current;
            var response = new ImportHistoricRecordsResponse();
            switch (request.StepCase)
            {
                case ImportHistoricRecordsRequest.StepOneofCase.Start:
                    var district = request.Start.DistrictCode;
                    if (topology.FindDistrict(district) is null)
                        throw new DomainValidationException("start.district_code", $"'{district}' is not a district of {topology.CityName}.");
                    if (HistoricImportDecider.CheckDistrict(principal, district) is { } denial)
                        throw denial.ToRpcException();
                    context.NoteAccess(new AccessNote(null, Audited, $"{Audited} of district {district}", request.Start.ImportId));
                    import = await imports.StartAsync(request.Start.ImportId, district, principal.User, clock.UtcNowMs(), context.CancellationToken);
                    break;
                case ImportHistoricRecordsRequest.StepOneofCase.Batch:
                    var started = import ?? throw NotStarted();
                    var (inputs, unreadable) = ToDomain(request.Batch);
                    var (valid, rejected) = HistoricImportDecider.Validate(started, inputs, topology, clock.Today());
                    var result = await imports.CommitBatchAsync(started.ImportId, valid, [.. rejected, .. unreadable], clock.UtcNowMs(), context.CancellationToken);
                    import = result.Import;
                    response.Items.AddRange(result.Items.Select(i => i.ToProto()));
                    break;
                case ImportHistoricRecordsRequest.StepOneofCase.Complete:
                    import = await imports.CompleteAsync((import ?? throw NotStarted()).ImportId, clock.UtcNowMs(), context.CancellationToken);
                    break;
                default:
                    throw new DomainValidationException("step", "must be start, batch or complete.");
            }
            response.HistoricImport = import!.ToProto();
            await responses.WriteAsync(response, context.CancellationToken);
        }
    }

    private async Task<Contracts.City.V1.HistoricImport> GetHistoricImport(GetHistoricImportRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Audited, $"{Audited} read", request.ImportId));
        var principal = context.RequireOperation(Operation.ImportHistoricRecords);
        if (string.IsNullOrWhiteSpace(request.ImportId))
            throw new DomainValidationException("import_id", "must not be empty.");
        var import = await imports.GetAsync(request.ImportId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"There is no historic import {request.ImportId}."));
        return HistoricImportDecider.CheckDistrict(principal, import.DistrictCode) is { } denial ? throw denial.ToRpcException() : import.ToProto();
    }

    private async Task<ListHistoricImportsResponse> ListHistoricImports(ListHistoricImportsRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Audited, $"{Audited}s listed"));
        var principal = context.RequireOperation(Operation.ImportHistoricRecords);
        // A district administrator lists the own district's imports whatever the filter says.
        var district = principal.Role == Role.DistrictAdministrator ? principal.Institution : ProtoMapping.NullIfEmpty(request.DistrictCode);
        if (district is not null && HistoricImportDecider.CheckDistrict(principal, district) is { } denial)
            throw denial.ToRpcException();
        var pageSize = Paging.PageSize(request.PageSize, DefaultImports, MaxImports);
        var fetched = await imports.ListAsync(district, TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, i => TimedPageTokens.Key(i.StartedAt.ToUnixTimeMilliseconds(), i.ImportId));
        var response = new ListHistoricImportsResponse { NextPageToken = next };
        response.HistoricImports.AddRange(items.Select(i => i.ToProto()));
        return response;
    }

    /// <summary>A record whose message cannot be read (an impossible date) is answered as rejected, like any invalid record.</summary>
    private static (List<HistoricRecordInput> Inputs, List<Grains.Import.HistoricImportItem> Unreadable) ToDomain(HistoricRecordBatch batch)
    {
        var inputs = new List<HistoricRecordInput>(batch.Records.Count);
        var unreadable = new List<Grains.Import.HistoricImportItem>();
        foreach (var record in batch.Records)
        {
            try
            {
                inputs.Add(record.ToDomain());
            }
            catch (DomainValidationException e)
            {
                unreadable.Add(HistoricImportDecider.Reject(record.Sequence, record.HistoricId, e.Violations));
            }
        }
        return (inputs, unreadable);
    }

    private static DomainValidationException NotStarted() =>
        new("start", "the stream's first message must start the import (import_id, district_code).");
}
