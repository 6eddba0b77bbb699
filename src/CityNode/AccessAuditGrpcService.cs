using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.Audit;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>
/// healthrecords.city.v1.AccessAuditService: a district reads the accesses made by its own clinics,
/// and the accesses to records its clinics own (the owner learns who looked at its residents).
/// </summary>
public sealed class AccessAuditGrpcService(AccessAuditLog audit, RecordGrains grains, CityTopology topology) : IGrpcService
{
    public ServiceDescriptor Descriptor => OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AccessAuditService");

    public void Bind(ServiceBinder binder) => binder.Unary<ListAccessAuditRequest, ListAccessAuditResponse>(nameof(ListAccessAudit), ListAccessAudit);

    private async Task<ListAccessAuditResponse> ListAccessAudit(ListAccessAuditRequest request, ServerCallContext context)
    {
        var institution = ProtoMapping.NullIfEmpty(request.InstitutionCode);
        var recordNumber = ProtoMapping.NullIfEmpty(request.RecordNumber);
        if (institution is null && recordNumber is null)
            throw new DomainValidationException("record_number", "give record_number or institution_code");
        if (institution is not null)
            OwnDistrict.ActingInstitution(context, topology, institution, "institution_code");
        if (recordNumber is not null)
        {
            var number = DomainErrors.ParseRecordNumber(recordNumber);
            var record = await grains.GetAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
            OwnDistrict.Require(context, record.OwnerDistrict, "record_number");
        }
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key
            ? long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
                : throw Paging.InvalidToken()
            : 0;
        var fetched = await audit.ListAsync(recordNumber, institution, after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, e => e.AuditId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = new ListAccessAuditResponse { NextPageToken = next };
        response.Entries.AddRange(items.Select(ToProto));
        return response;
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
    };
}
