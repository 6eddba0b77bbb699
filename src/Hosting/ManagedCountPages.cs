using HealthRecords.Grains.Counts;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>AIP-158 pages of a tally of managed counts, keyed by district and clinic code.</summary>
public static class ManagedCountPages
{
    public static (IReadOnlyList<Proto.ManagedCount> Counts, string NextPageToken) Page(IReadOnlyList<ManagedCount> tally, int pageSize, string pageToken)
    {
        // The tally is ordered by district, then clinic (the district's total first), as these keys sort.
        var (items, next) = Paging.Page(tally, pageSize, pageToken, Key);
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
