using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Reconciliation;

/// <summary>The facts of one index entry both tiers must hold alike (R-CN-2); the city is the authority.</summary>
public sealed record IndexFacts(string RecordNumber, string OwnerInstitution, string OwnerDistrict, RecordStatus Status, long Version)
{
    public static IndexFacts Of(IndexEntry entry) =>
        new(entry.RecordNumber, entry.OwnerInstitution, entry.OwnerDistrict, entry.Status, entry.Version);
}
