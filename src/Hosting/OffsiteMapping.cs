using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Services;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation of off-site service notices (R-OS-3) between the wire and the domain.</summary>
public static class OffsiteMapping
{
    public static Proto.OffsiteServiceNotice ToProto(this OffsiteServiceNotice n)
    {
        var proto = new Proto.OffsiteServiceNotice
        {
            NoticeId = n.NoticeId,
            RecordNumber = n.RecordNumber,
            OwningInstitutionCode = n.OwnerInstitution,
            OwningDistrictCode = n.OwnerDistrict,
            ServingInstitutionCode = n.ServingInstitution,
            ServingDistrictCode = n.ServingDistrict,
            Kind = (Proto.ServiceKind)(int)n.Kind,
            ServiceDate = ((DateOnly?)n.ServiceDate).ToProto(),
            Staff = n.Staff,
            Report = n.Report ?? "",
            AcceptedAt = Timestamp.FromDateTimeOffset(n.AcceptedAt),
        };
        proto.MainProblems.AddRange(n.MainProblems);
        return proto;
    }

    public static OffsiteServiceNotice ToDomain(this Proto.OffsiteServiceNotice n) => new(
        n.NoticeId,
        n.RecordNumber,
        n.OwningInstitutionCode,
        n.OwningDistrictCode,
        n.ServingInstitutionCode,
        n.ServingDistrictCode,
        (ServiceKind)(int)n.Kind,
        n.ServiceDate.ToDateOnly("offsite_service_notice.service_date") ?? DateOnly.MinValue,
        n.Staff,
        n.MainProblems.ToList(),
        ProtoMapping.NullIfEmpty(n.Report),
        n.AcceptedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch);
}
