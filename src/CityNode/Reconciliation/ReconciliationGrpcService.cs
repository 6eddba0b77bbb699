using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Validation;
using ReconciliationTrigger = HealthRecords.Grains.Reconciliation.ReconciliationTrigger;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.Reconciliation;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

using HealthRecords.Grains.Access;
using HealthRecords.Hosting.Security;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>healthrecords.city.v1.ReconciliationService, for city administrators (the interceptor checks who calls).</summary>
public sealed class ReconciliationGrpcService(IndexReconciler reconciler, IndexRepairs repairs, ReconciliationLog runs, IndexRepairLog repairLog) : IGrpcService
{
    private const int DefaultRuns = 20;
    private const int MaxRuns = 100;

    public ServiceDescriptor Descriptor => ReconciliationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ReconciliationService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<RunReconciliationRequest, Contracts.City.V1.Reconciliation>(nameof(RunReconciliation), AsReconciler<RunReconciliationRequest, Contracts.City.V1.Reconciliation>(RunReconciliation));
        binder.Unary<GetReconciliationRequest, Contracts.City.V1.Reconciliation>(nameof(GetReconciliation), AsReconciler<GetReconciliationRequest, Contracts.City.V1.Reconciliation>(GetReconciliation));
        binder.Unary<ListReconciliationsRequest, ListReconciliationsResponse>(nameof(ListReconciliations), AsReconciler<ListReconciliationsRequest, ListReconciliationsResponse>(ListReconciliations));
        binder.Unary<ListReconciliationFindingsRequest, ListReconciliationFindingsResponse>(nameof(ListReconciliationFindings), AsReconciler<ListReconciliationFindingsRequest, ListReconciliationFindingsResponse>(ListReconciliationFindings));
        binder.Unary<RepairFindingsRequest, RepairFindingsResponse>(nameof(RepairFindings), AsReconciler<RepairFindingsRequest, RepairFindingsResponse>(RepairFindings));
        binder.Unary<ListIndexRepairsRequest, ListIndexRepairsResponse>(nameof(ListIndexRepairs), AsReconciler<ListIndexRepairsRequest, ListIndexRepairsResponse>(ListIndexRepairs));
    }

    private async Task<Contracts.City.V1.Reconciliation> RunReconciliation(RunReconciliationRequest request, ServerCallContext context)
    {
        var run = await reconciler.RunAsync(ReconciliationTrigger.OnDemand, context.RequirePrincipal().User, request.DistrictCodes.ToList(),
            ProtoMapping.NullIfEmpty(request.RequestId), context.CancellationToken);
        return run.ToProto();
    }

    private async Task<Contracts.City.V1.Reconciliation> GetReconciliation(GetReconciliationRequest request, ServerCallContext context) =>
        (await FindRunAsync(request.ReconciliationId, context)).ToProto();

    private async Task<ListReconciliationsResponse> ListReconciliations(ListReconciliationsRequest request, ServerCallContext context)
    {
        var pageSize = Paging.PageSize(request.PageSize, DefaultRuns, MaxRuns);
        var fetched = await runs.ListAsync(TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, r => TimedPageTokens.Key(r.StartedAt.ToUnixTimeMilliseconds(), r.Id));
        var response = new ListReconciliationsResponse { NextPageToken = next };
        response.Reconciliations.AddRange(items.Select(r => r.ToProto()));
        return response;
    }

    private async Task<ListReconciliationFindingsResponse> ListReconciliationFindings(ListReconciliationFindingsRequest request, ServerCallContext context)
    {
        await FindRunAsync(request.ReconciliationId, context);
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key
            ? key.Split('/') is [var district, var record] ? (district, record) : throw Paging.InvalidToken()
            : ((string, string)?)null;
        var fetched = await runs.FindingsAsync(request.ReconciliationId, ProtoMapping.NullIfEmpty(request.DistrictCode), after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, f => $"{f.Finding.DistrictCode}/{f.Finding.RecordNumber}");
        var response = new ListReconciliationFindingsResponse { NextPageToken = next };
        response.Findings.AddRange(items.Select(f => f.ToProto()));
        return response;
    }

    private async Task<RepairFindingsResponse> RepairFindings(RepairFindingsRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(request.RequestId)) violations.Add(new("request_id", "must not be empty: a repeated repair must be recognisable."));
        if (string.IsNullOrWhiteSpace(request.ReconciliationId)) violations.Add(new("reconciliation_id", "must not be empty."));
        if (string.IsNullOrWhiteSpace(request.Reason)) violations.Add(new("reason", "must not be empty: the repair log says why."));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        var made = await repairs.RepairAsync(request.ReconciliationId, request.RecordNumbers.ToList(), context.RequirePrincipal().User,
            request.Reason.Trim(), request.RequestId, context.CancellationToken) ?? throw NoSuchRun(request.ReconciliationId);
        var response = new RepairFindingsResponse();
        response.Repairs.AddRange(made.Select(r => r.ToProto()));
        return response;
    }

    private async Task<ListIndexRepairsResponse> ListIndexRepairs(ListIndexRepairsRequest request, ServerCallContext context)
    {
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await repairLog.ListAsync(ProtoMapping.NullIfEmpty(request.ReconciliationId), TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, r => TimedPageTokens.Key(r.RepairedAt.ToUnixTimeMilliseconds(), r.RepairId));
        var response = new ListIndexRepairsResponse { NextPageToken = next };
        response.Repairs.AddRange(items.Select(r => r.ToProto()));
        return response;
    }

    /// <summary>R-CN-2: reconciling and repairing are for city administrators (their token's role).</summary>
    private static UnaryServerMethod<TRequest, TResponse> AsReconciler<TRequest, TResponse>(UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new() where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        (request, context) =>
        {
            context.RequireOperation(Operation.Reconcile);
            return handler(request, context);
        };

    private async Task<ReconciliationRun> FindRunAsync(string id, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new DomainValidationException("reconciliation_id", "must not be empty.");
        return await runs.GetAsync(id, context.CancellationToken) ?? throw NoSuchRun(id);
    }

    private static RpcException NoSuchRun(string id) => new(new Status(StatusCode.NotFound, $"There is no reconciliation {id}."));
}
