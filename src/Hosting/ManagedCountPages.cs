using HealthRecords.Grains.Counts;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>AIP-158 pages of a tally of managed counts, keyed by district and clinic code.</summary>
public static class ManagedCountPages
{
    public static (IReadOnlyList<Proto.ManagedCount> Counts, string NextPageToken) Page(IReadOnlyList<ManagedCount> tally, int pageSize, string pageToken)
    {
        var size = Paging.PageSize(pageSize);
        var after = Paging.AfterKey(pageToken);
        // The tally is ordered by district, then clinic (the district's total first), as these keys sort.
        var fetched = tally.Where(c => after is null || string.CompareOrdinal(Key(c), after) > 0).Take(size + 1).ToList();
        var (items, next) = Paging.Cut(fetched, size, Key);
        return (items.Select(ToProto).ToList(), next);
    }

    public static Proto.ManagedCount ToProto(this ManagedCount c) => new()
    {
        DistrictCode = c.DistrictCode,
        InstitutionCode = c.InstitutionCode,
        Managed = c.Managed,
        Archived = c.Archived,
    };

    private static string Key(ManagedCount c) => $"{c.DistrictCode}/{c.InstitutionCode}";
}
