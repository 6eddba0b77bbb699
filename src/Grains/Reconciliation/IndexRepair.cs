using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Reconciliation;

/// <summary>One record's facts re-sent by the city to a district after a reconciliation (R-CN-2), as logged.</summary>
public sealed record IndexRepair(
    string RepairId,
    string ReconciliationId,
    string DistrictCode,
    string RecordNumber,
    IndexFacts? Before,
    IndexFacts? After,
    string RequestedBy,
    string Reason,
    DateTimeOffset RepairedAt,
    long DistrictSequence)
{
    /// <summary>
    /// The city is the authority for owner and status: the district's entry becomes the city's entry as
    /// it is now (not as the finding saw it), or is removed when the city has no such record.
    /// </summary>
    public static (IndexRepair Repair, RecordIndexRepaired Event) Decide(
        string repairId, RecordFinding finding, string reconciliationId, IndexEntry? cityEntryNow, string requestedBy, string reason, DateTimeOffset now)
    {
        var repair = new IndexRepair(repairId, reconciliationId, finding.DistrictCode, finding.RecordNumber, finding.District,
            cityEntryNow is null ? null : IndexFacts.Of(cityEntryNow), requestedBy, reason, now, 0);
        return (repair, new RecordIndexRepaired(now, repairId, finding.RecordNumber, cityEntryNow));
    }
}
