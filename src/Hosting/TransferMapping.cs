using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Transfers;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation of transfers between the wire (healthrecords.types.v1.TransferRequest) and the domain.</summary>
public static class TransferMapping
{
    public static Proto.TransferRequest ToProto(this Transfer t) => new()
    {
        TransferId = t.TransferId,
        RecordNumber = t.RecordNumber,
        FromInstitutionCode = t.FromInstitution,
        FromDistrictCode = t.FromDistrict,
        ToInstitutionCode = t.ToInstitution,
        ToDistrictCode = t.ToDistrict,
        RequestedByInstitutionCode = t.RequestedByInstitution,
        ConsentMethod = (Proto.ConsentMethod)(int)t.Consent,
        Reason = (Proto.TransferReason)(int)t.Reason,
        State = (Proto.TransferState)(int)t.State,
        RequestedAt = Timestamp.FromDateTimeOffset(t.RequestedAt),
        DueAt = Timestamp.FromDateTimeOffset(t.DueAt),
        AnsweredAt = t.AnsweredAt is { } answered ? Timestamp.FromDateTimeOffset(answered) : null,
        AnsweredByInstitutionCode = t.AnsweredByInstitution ?? "",
        RejectionReason = t.RejectionReason ?? "",
        CityAuthority = t.CityAuthority,
    };

    public static Transfer ToDomain(this Proto.TransferRequest t) => new(
        t.TransferId,
        t.RecordNumber,
        t.FromInstitutionCode,
        t.FromDistrictCode,
        t.ToInstitutionCode,
        t.ToDistrictCode,
        t.RequestedByInstitutionCode,
        (ConsentMethod)(int)t.ConsentMethod,
        (TransferReason)(int)t.Reason,
        (TransferState)(int)t.State,
        t.RequestedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
        t.DueAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
        t.AnsweredAt?.ToDateTimeOffset(),
        ProtoMapping.NullIfEmpty(t.AnsweredByInstitutionCode),
        ProtoMapping.NullIfEmpty(t.RejectionReason),
        t.CityAuthority);
}
