using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode.Quality;

/// <summary>
/// healthrecords.city.v1.DataQualityService (R-CN-4): translates messages to the quality reports.
/// Every call leaves an audit note (R-AC-5), noted before deciding so refusals are audited with their scope.
/// </summary>
public sealed class DataQualityGrpcService(QualityReports reports, CityTopology topology) : IGrpcService
{
    private const string Purpose = "data quality (R-CN-4)";

    public ServiceDescriptor Descriptor => DataQualityReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DataQualityService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<GetQualityReportRequest, Contracts.City.V1.QualityReport>(nameof(GetQualityReport), GetQualityReport)
        .Unary<ListQualityFindingsRequest, ListQualityFindingsResponse>(nameof(ListQualityFindings), ListQualityFindings);

    private async Task<Contracts.City.V1.QualityReport> GetQualityReport(GetQualityReportRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Purpose, $"quality report of {Described(request.Scope)}"));
        var scope = RequireScope(request.Scope, context);
        var report = await reports.ComputeAsync(scope, context.CancellationToken);
        return report.ToProto();
    }

    private async Task<ListQualityFindingsResponse> ListQualityFindings(ListQualityFindingsRequest request, ServerCallContext context)
    {
        var listed = $"quality findings of {Described(request.Scope)}, kind {request.Kind}";
        context.NoteAccess(new AccessNote(null, Purpose, listed));
        var scope = RequireScope(request.Scope, context);
        var kind = request.Kind.ToDomain();
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key ? QualityFindingKey.Parse(key) ?? throw Paging.InvalidToken() : null;
        var fetched = await reports.ListFindingsAsync(scope, kind, after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, f => QualityFindingKey.Of(f).ToString());
        // R-AC-5: which residents' records the answer named, as a range (the page is ordered by record number).
        context.NoteAccess(new AccessNote(null, Purpose,
            items.Count == 0 ? $"{listed}: none" : $"{listed}: {items.Count} on records {items[0].RecordNumber}..{items[^1].RecordNumber}"));
        var response = new ListQualityFindingsResponse { NextPageToken = next };
        response.Findings.AddRange(items.Select(f => f.ToProto()));
        return response;
    }

    /// <summary>The scope of the request, when the caller's role and tier may read it (R-CN-4); refusals name the rule.</summary>
    private Grains.Quality.QualityScope RequireScope(Contracts.City.V1.QualityScope? requested, ServerCallContext context)
    {
        var principal = context.RequireOperation(Operation.QueryDataQuality);
        var scope = requested.ToDomain(topology);
        return QualityScopeAccess.Check(principal, scope) is { } denial ? throw denial.ToRpcException() : scope;
    }

    private static string Described(Contracts.City.V1.QualityScope? scope) =>
        ProtoMapping.NullIfEmpty(scope?.InstitutionCode) ?? ProtoMapping.NullIfEmpty(scope?.DistrictCode) ?? "the city";
}
