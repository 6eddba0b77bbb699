using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Research;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode.Research;

/// <summary>
/// healthrecords.city.v1.ResearchExportService (R-AC-4): translates messages to the export decider
/// and store. Every call leaves an audit note (R-AC-5), noted before deciding so refusals are audited too.
/// </summary>
public sealed class ResearchExportGrpcService(ResearchExportStore exports, CityTopology topology, PolicyProfile policy, TimeProvider clock) : IGrpcService
{
    private const string Audited = "research export";
    private const int DefaultExports = 20;
    private const int MaxExports = 100;

    public ServiceDescriptor Descriptor => ResearchExportsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ResearchExportService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<RequestResearchExportRequest, Contracts.City.V1.ResearchExport>(nameof(RequestResearchExport), RequestResearchExport)
        .Unary<DecideResearchExportRequest, Contracts.City.V1.ResearchExport>(nameof(DecideResearchExport), DecideResearchExport)
        .Unary<GetResearchExportRequest, Contracts.City.V1.ResearchExport>(nameof(GetResearchExport), GetResearchExport)
        .Unary<ListResearchExportsRequest, ListResearchExportsResponse>(nameof(ListResearchExports), ListResearchExports)
        .Unary<ListResearchExportRowsRequest, ListResearchExportRowsResponse>(nameof(ListResearchExportRows), ListResearchExportRows);

    private async Task<Contracts.City.V1.ResearchExport> RequestResearchExport(RequestResearchExportRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, request.Purpose, $"{Audited} requested ({request.IntendedUse})"));
        var researcher = context.RequireOperation(Operation.RequestResearchExport);
        var requested = ResearchExportDecider.Request(researcher, $"rx-{Guid.NewGuid():N}", request.RequestId, request.Purpose,
            request.IntendedUse.ToDomain(), request.Scope.ToDomain(), d => topology.FindDistrict(d) is not null, clock.UtcNowMs());
        var export = await exports.AddAsync(requested, context.CancellationToken);
        context.NoteAccess(new AccessNote(null, export.Purpose, $"{Audited} requested ({request.IntendedUse})", export.ExportId));
        return export.ToProto();
    }

    private async Task<Contracts.City.V1.ResearchExport> DecideResearchExport(DecideResearchExportRequest request, ServerCallContext context)
    {
        var decision = request.Approve ? "approved" : "refused";
        context.NoteAccess(new AccessNote(null, request.Reason, $"{Audited} {decision}", request.ExportId));
        var administrator = context.RequireOperation(Operation.DecideResearchExport);
        RequireExportId(request.ExportId);
        var now = clock.UtcNowMs();
        var k = policy.Access.ResearchMinimumGroupSize;
        var export = await exports.DecideAsync(request.ExportId,
                e => ResearchExportDecider.Decide(e, administrator, request.Approve, request.Reason, now),
                subjects => Deidentification.TakeSnapshot(subjects, k, now), context.CancellationToken)
            ?? throw NoSuchExport(request.ExportId);
        context.NoteAccess(new AccessNote(null, export.Purpose, $"{Audited} {decision}: {request.Reason}", export.ExportId));
        return export.ToProto();
    }

    private async Task<Contracts.City.V1.ResearchExport> GetResearchExport(GetResearchExportRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Audited, $"{Audited} read", request.ExportId));
        var viewer = RequireViewer(context);
        var export = await FindAsync(request.ExportId, context);
        return ResearchExportDecider.CheckView(export, viewer) is { } denial ? throw denial.ToRpcException() : export.ToProto();
    }

    private async Task<ListResearchExportsResponse> ListResearchExports(ListResearchExportsRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Audited, $"{Audited}s listed"));
        var viewer = RequireViewer(context);
        var pageSize = Paging.PageSize(request.PageSize, DefaultExports, MaxExports);
        // A researcher sees their own requests; the city administration sees all.
        var requestedBy = viewer.Role == Role.Researcher ? viewer.User : null;
        var fetched = await exports.ListAsync(requestedBy, TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, e => TimedPageTokens.Key(e.RequestedAt.ToUnixTimeMilliseconds(), e.ExportId));
        var response = new ListResearchExportsResponse { NextPageToken = next };
        response.Exports.AddRange(items.Select(e => e.ToProto()));
        return response;
    }

    private async Task<ListResearchExportRowsResponse> ListResearchExportRows(ListResearchExportRowsRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Audited, $"{Audited} downloaded", request.ExportId));
        var researcher = context.RequireOperation(Operation.DownloadResearchExport);
        var export = await FindAsync(request.ExportId, context);
        context.NoteAccess(new AccessNote(null, export.Purpose, $"{Audited} downloaded", export.ExportId));
        if (ResearchExportDecider.CheckDownload(export, researcher) is { } denial)
            throw denial.ToRpcException();
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await exports.RowsAsync(export.ExportId, Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, r => r.Pseudonym);
        var response = new ListResearchExportRowsResponse { NextPageToken = next, RowCount = export.RowCount, SuppressedCount = export.SuppressedCount };
        response.Rows.AddRange(items.Select(r => r.ToProto()));
        return response;
    }

    /// <summary>The requester (a researcher) or a city administrator (R-AC-4, R-AC-5).</summary>
    private static Principal RequireViewer(ServerCallContext context)
    {
        var principal = context.RequirePrincipal();
        return principal.Role is Role.Researcher or Role.CityAdministrator
            ? principal
            : throw new AccessDenial("ROLE_NOT_ALLOWED", ResearchExportDecider.Rule, $"Role {principal.Role.Name()} may not see research exports.").ToRpcException();
    }

    private async Task<Grains.Research.ResearchExport> FindAsync(string exportId, ServerCallContext context)
    {
        RequireExportId(exportId);
        return await exports.GetAsync(exportId, context.CancellationToken) ?? throw NoSuchExport(exportId);
    }

    private static void RequireExportId(string exportId)
    {
        if (string.IsNullOrWhiteSpace(exportId))
            throw new DomainValidationException("export_id", "must not be empty.");
    }

    private static RpcException NoSuchExport(string id) => new(new Status(StatusCode.NotFound, $"There is no research export {id}."));
}
