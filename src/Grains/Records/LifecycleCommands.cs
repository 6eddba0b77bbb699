using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>R-ST-2: a person confirms that a proposed candidate is lost to follow-up.</summary>
public sealed record MarkLostToFollowUp(string RequestId, RecordNumber Number, string InstitutionCode, string ConfirmedBy, string Reason);

/// <summary>R-ST-3: date and cause of death, entered after a notice received on <paramref name="NoticeDate"/>.</summary>
public sealed record RecordDeath(string RequestId, RecordNumber Number, string InstitutionCode, string RecordedBy,
    DateOnly DateOfDeath, string Cause, DateOnly NoticeDate);

/// <summary>R-ST-4, R-ST-7: the resident left the city on <paramref name="LeftOn"/>.</summary>
public sealed record RecordMoveOut(string RequestId, RecordNumber Number, string InstitutionCode, string RecordedBy,
    DateOnly LeftOn, string Destination, string Handover);

/// <summary>R-ST-5: the resident was served again (<paramref name="Cause"/> names the service or the person).</summary>
public sealed record Reactivate(string RequestId, RecordNumber Number, string InstitutionCode, string Cause);
