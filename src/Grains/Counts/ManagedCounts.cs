using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;

namespace HealthRecords.Grains.Counts;

/// <summary>How many records one clinic owns in one status, as storage counts them.</summary>
public sealed record StatusCount(string DistrictCode, string InstitutionCode, RecordStatus Status, long Records);

/// <summary>Turns storage's counts per status into the managed/archived figures of R-CN-1.</summary>
public static class ManagedCounts
{
    /// <summary>
    /// For each district: its total (institution code empty), then each clinic, in code order. Every
    /// clinic of the topology is listed, with zeros when it owns nothing, so administrators see every
    /// clinic; a clinic that owns records but left the topology is listed too.
    /// </summary>
    public static IReadOnlyList<ManagedCount> Tally(IEnumerable<District> districts, IEnumerable<StatusCount> counted)
    {
        var clinics = new Dictionary<(string District, string Institution), ManagedCount>();
        foreach (var district in districts)
        {
            clinics[(district.Code, "")] = new ManagedCount(district.Code, "", 0, 0);
            foreach (var institution in district.Institutions)
                clinics[(district.Code, institution.Code)] = new ManagedCount(district.Code, institution.Code, 0, 0);
        }
        foreach (var c in counted)
        {
            var (managed, archived) = Classify(c.Status, c.Records);
            foreach (var key in new[] { (c.DistrictCode, c.InstitutionCode), (c.DistrictCode, "") })
            {
                var row = clinics.GetValueOrDefault(key) ?? new ManagedCount(key.Item1, key.Item2, 0, 0);
                clinics[key] = row with { Managed = row.Managed + managed, Archived = row.Archived + archived };
            }
        }
        return [.. clinics.Values.OrderBy(r => r.DistrictCode, StringComparer.Ordinal).ThenBy(r => r.InstitutionCode, StringComparer.Ordinal)];
    }

    // R-CN-1: only active records are managed; R-ST-1: the archived ones are kept but not managed;
    // R-MG-3: a merged-away record leaves the counts altogether.
    private static (long Managed, long Archived) Classify(RecordStatus status, long records) => status switch
    {
        RecordStatus.Active => (records, 0),
        RecordStatus.LostToFollowUp or RecordStatus.Deceased or RecordStatus.MovedOut => (0, records),
        _ => (0, 0),
    };
}
