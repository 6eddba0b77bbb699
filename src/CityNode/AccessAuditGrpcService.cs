using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.Audit;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>
/// healthrecords.city.v1.AccessAuditService (R-AC-5): a district reads the accesses made by its own
/// clinics, and the accesses to records its clinics own (the owner learns who looked at its
/// residents); a city administrator reads everything and verifies the hash chain.
/// </summary>
public sealed class AccessAuditGrpcService(AccessAuditLog audit, RecordGrains grains, CityTopology topology) : IGrpcService
{
    public ServiceDescriptor Descriptor => OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AccessAuditService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<ListAccessAuditRequest, ListAccessAuditResponse>(nameof(ListAccessAudit), ListAccessAudit)
        .Unary<VerifyAccessAuditRequest, AccessAuditVerification>(nameof(VerifyAccessAudit), VerifyAccessAudit);

    private async Task<ListAccessAuditResponse> ListAccessAudit(ListAccessAuditRequest request, ServerCallContext context)
    {
        var query = new AuditQuery(ProtoMapping.NullIfEmpty(request.RecordNumber), ProtoMapping.NullIfEmpty(request.InstitutionCode),
            ProtoMapping.NullIfEmpty(request.UserId), ProtoMapping.NullIfEmpty(request.Action));
        if (context.GetCaller().Kind == CallerKind.Administrator)
            context.RequireOperation(Operation.QueryAuditLog); // the city administration: every entry
        else
            await RequireOwnDistrictScopeAsync(query, context);
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key
            ? long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
                : throw Paging.InvalidToken()
            : 0;
        var fetched = await audit.ListAsync(query, after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, e => e.AuditId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = new ListAccessAuditResponse { NextPageToken = next };
        response.Entries.AddRange(items.Select(ToProto));
        return response;
    }

    /// <summary>R-AC-5: the chain recomputed over the whole log; for city administrators.</summary>
    private async Task<AccessAuditVerification> VerifyAccessAudit(VerifyAccessAuditRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operation.VerifyAuditLog);
        var result = await audit.VerifyAsync(context.CancellationToken);
        return new AccessAuditVerification
        {
            Intact = result.Intact, EntriesChecked = result.EntriesChecked, BrokenAuditId = result.BrokenAuditId ?? 0, Problem = result.Problem ?? "",
        };
    }

    // A district's entries: those of its institutions, or of records its clinics own.
    private async Task RequireOwnDistrictScopeAsync(AuditQuery query, ServerCallContext context)
    {
        if (query.InstitutionCode is null && query.RecordNumber is null)
            throw new DomainValidationException("record_number", "give record_number or institution_code");
        if (query.InstitutionCode is not null)
            OwnDistrict.ActingInstitution(context, topology, query.InstitutionCode, "institution_code");
        if (query.RecordNumber is not null)
        {
            var number = DomainErrors.ParseRecordNumber(query.RecordNumber);
            var record = await grains.GetAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
            OwnDistrict.Require(context, record.OwnerDistrict, "record_number");
        }
    }

    private static Contracts.City.V1.AccessAuditEntry ToProto(AuditedAccess e) => new()
    {
        AuditId = e.AuditId,
        At = Timestamp.FromDateTimeOffset(e.At),
        CallerDistrictCode = e.CallerDistrict,
        InstitutionCode = e.InstitutionCode,
        Staff = e.Staff,
        Action = e.Action,
        RecordNumber = e.RecordNumber ?? "",
        Purpose = e.Purpose,
        Outcome = e.Allowed ? AccessOutcome.Allowed : AccessOutcome.Denied,
        Basis = e.Basis,
        Authorization = e.AuthorizationMethod is { } method
            ? new Types.ResidentAuthorization { Method = (Types.ConsentMethod)method, Evidence = e.AuthorizationEvidence ?? "" }
            : null,
        UserId = e.UserId ?? "",
        Role = e.Role ?? "",
        OutcomeCode = e.OutcomeCode,
        OutcomeReason = e.OutcomeReason ?? "",
    };
}
