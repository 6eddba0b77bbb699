using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Import;
using HealthRecords.Hosting;
using Proto = HealthRecords.Contracts.City.V1;

namespace HealthRecords.CityNode.Import;

/// <summary>Translation between healthrecords.city.v1 historic import messages and the domain. No decisions here.</summary>
internal static class HistoricImportMapping
{
    public static HistoricRecordInput ToDomain(this Proto.HistoricRecord r) => new(
        r.Sequence, r.HistoricId, r.EnrollingInstitutionCode, r.EnrolledBy, r.ResidenceCommitteeCode,
        r.EnrolledOn.ToDateOnly("enrolled_on"), r.Identity.ToDomain(), r.Profile.ToDomain());

    public static Proto.HistoricImport ToProto(this HistoricImport i) => new()
    {
        ImportId = i.ImportId,
        DistrictCode = i.DistrictCode,
        StartedBy = i.StartedBy,
        State = (Proto.HistoricImportState)(int)i.State,
        LastSequence = i.LastSequence,
        ImportedCount = i.Counts.Imported,
        HeldCount = i.Counts.Held,
        RejectedCount = i.Counts.Rejected,
        ExactCandidateCount = i.Counts.ExactCandidates,
        ProbableCandidateCount = i.Counts.ProbableCandidates,
        StartTime = Timestamp.FromDateTimeOffset(i.StartedAt),
        FinishTime = i.FinishedAt is { } f ? Timestamp.FromDateTimeOffset(f) : null,
    };

    public static Proto.HistoricImportItem ToProto(this HistoricImportItem i) => new()
    {
        Sequence = i.Sequence,
        HistoricId = i.HistoricId,
        Outcome = (Proto.HistoricImportOutcome)(int)i.Outcome,
        RecordNumber = i.RecordNumber ?? "",
        HeldRecordNumber = i.HeldRecordNumber ?? "",
        Field = i.Field ?? "",
        Reason = i.Reason ?? "",
    };
}
