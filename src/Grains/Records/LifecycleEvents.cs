namespace HealthRecords.Grains.Records;

/// <summary>R-ST-2: confirmed by a person (never automatically), with the date of the last service seen.</summary>
public sealed record MarkedLostToFollowUp(
    DateTimeOffset OccurredAt, string InstitutionCode, string ConfirmedBy, string RequestId, string Reason, DateOnly? LastServiceDate)
    : RecordEvent(OccurredAt);

/// <summary>R-ST-3: date and cause of death; <paramref name="EnteredLate"/> when beyond the policy's deadline from the notice.</summary>
public sealed record DeathRecorded(
    DateTimeOffset OccurredAt, string InstitutionCode, string RecordedBy, string RequestId, DateOnly DateOfDeath, string Cause,
    DateOnly NoticeDate, bool EnteredLate) : RecordEvent(OccurredAt);

/// <summary>R-ST-4, R-ST-7: left the city, with where to and how the record was handed over.</summary>
public sealed record MovedOutOfCity(
    DateTimeOffset OccurredAt, string InstitutionCode, string RecordedBy, string RequestId, DateOnly LeftOn, string Destination, string Handover)
    : RecordEvent(OccurredAt);

/// <summary>R-ST-5: a lost or moved-out record served again is active and managed again.</summary>
public sealed record Reactivated(
    DateTimeOffset OccurredAt, string InstitutionCode, string Cause, string RequestId, RecordStatus FormerStatus)
    : RecordEvent(OccurredAt);
