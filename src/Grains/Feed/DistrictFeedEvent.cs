using System.Text.Json.Serialization;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Transfers;

namespace HealthRecords.Grains.Feed;

/// <summary>
/// What the city tells a district, in the order it happened, through the district's event log. A
/// district's index changes only by applying these (R-CN-2: both tiers see every change).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RecordIndexChanged), "record_index_changed")]
[JsonDerivedType(typeof(RecordClosed), "record_closed")]
[JsonDerivedType(typeof(TransferChanged), "transfer_changed")]
[JsonDerivedType(typeof(OffsiteServiceNoticed), "offsite_service_noticed")]
[JsonDerivedType(typeof(RecordIndexRepaired), "record_index_repaired")]
[JsonDerivedType(typeof(EmergencyAccessDeclared), "emergency_access_declared")]
[JsonDerivedType(typeof(RecordsMerged), "records_merged")]
public abstract record DistrictFeedEvent(DateTimeOffset OccurredAt);

/// <summary>The city's facts of a record now (owner, status, version); sent to its owner's district, and to the former owner's after a transfer.</summary>
public sealed record RecordIndexChanged(DateTimeOffset OccurredAt, IndexEntry Entry) : DistrictFeedEvent(OccurredAt);

/// <summary>R-TR-6: after a transfer the old owner's copy is closed for cover and basic-information edits.</summary>
public sealed record RecordClosed(DateTimeOffset OccurredAt, string RecordNumber, string FormerInstitution, string NewOwnerInstitution)
    : DistrictFeedEvent(OccurredAt);

/// <summary>A transfer was requested, completed, rejected or expired: sent to the districts of both clinics.</summary>
public sealed record TransferChanged(DateTimeOffset OccurredAt, Transfer Transfer) : DistrictFeedEvent(OccurredAt);

/// <summary>R-OS-3: another clinic served a resident of one of the district's clinics; sent to the owner's district.</summary>
public sealed record OffsiteServiceNoticed(DateTimeOffset OccurredAt, OffsiteServiceNotice Notice) : DistrictFeedEvent(OccurredAt);

/// <summary>
/// R-CN-2: an administrator's repair after a reconciliation. The district's entry becomes
/// <see cref="Entry"/> whatever version it held, or is removed when the city has no such record.
/// </summary>
public sealed record RecordIndexRepaired(DateTimeOffset OccurredAt, string RepairId, string RecordNumber, IndexEntry? Entry) : DistrictFeedEvent(OccurredAt);

/// <summary>R-AC-2: another clinic declared an emergency access to a record; sent to the owner's district, so the owner is told.</summary>
public sealed record EmergencyAccessDeclared(DateTimeOffset OccurredAt, Access.AccessGrant Grant, string OwnerInstitution) : DistrictFeedEvent(OccurredAt);

/// <summary>
/// R-MG-3, R-CN-2: two records of one resident were merged; sent to the districts owning either, so the
/// merged-away record leaves its district's counts and points at the survivor there too.
/// </summary>
public sealed record RecordsMerged(DateTimeOffset OccurredAt, string SurvivorNumber, string MergedAwayNumber, IndexEntry Survivor, IndexEntry MergedAway)
    : DistrictFeedEvent(OccurredAt);
