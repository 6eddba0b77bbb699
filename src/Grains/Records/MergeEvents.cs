namespace HealthRecords.Grains.Records;

/// <summary>
/// R-MG-3: applied to the merged-away record: retired (status <see cref="RecordStatus.Merged"/>,
/// kept, not deleted), pointing at the survivor, out of the counts.
/// </summary>
public sealed record RecordMergedInto(DateTimeOffset OccurredAt, string SurvivorNumber, string RequestId, string ConfirmedBy)
    : RecordEvent(OccurredAt);

/// <summary>
/// R-MG-1, R-MG-2: applied to the survivor: its identity key and basic information become the
/// merged ones; its record number, enrolling institution, enrolled-by and enrollment date stay
/// (the survivor is the earliest enrolled).
/// </summary>
public sealed record RecordAbsorbed(
    DateTimeOffset OccurredAt, string MergedAwayNumber, string RequestId, string ConfirmedBy, string IdentityKey, ResidentProfile Profile)
    : RecordEvent(OccurredAt);

/// <summary>R-ID-3: a newborn's birth-certificate or mother key replaced by the ID number, with the guardian's consent (R-ID-6).</summary>
public sealed record IdentityRekeyed(
    DateTimeOffset OccurredAt, string InstitutionCode, string RecordedBy, string RequestId, string FormerIdentityKey, string IdentityKey, string Consent)
    : RecordEvent(OccurredAt);
