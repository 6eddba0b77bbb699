using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;

namespace HealthRecords.Integration.Tests.History;

/// <summary>One district as the city sees it and as the district's own index sees it: entries and counts.</summary>
internal sealed record TierSnapshot(string District, List<MasterIndexEntry> CityRecords, List<MasterIndexEntry> DistrictRecords,
    List<ManagedCount> CityCounts, List<ManagedCount> DistrictCounts)
{
    public bool TiersAgree => CityRecords.SequenceEqual(DistrictRecords) && CityCounts.SequenceEqual(DistrictCounts);

    public static async Task<TierSnapshot> TakeAsync(HistoryClients clients, RetryingCaller caller, string district)
    {
        var channel = clients.Of(district).Channel;
        return new TierSnapshot(district,
            await Read(caller, $"city records of {district}", () => Feeds.CityRecordsAsync(clients.City, district)),
            await Read(caller, $"records of {district}", () => Feeds.DistrictRecordsAsync(channel, district)),
            await Read(caller, $"city counts of {district}", () => Feeds.CityCountsAsync(clients.City, district)),
            await Read(caller, $"counts of {district}", () => Feeds.DistrictCountsAsync(channel, $"district:{district}")));
    }

    public string Difference()
    {
        var city = CityRecords.ToDictionary(e => e.RecordNumber);
        var district = DistrictRecords.ToDictionary(e => e.RecordNumber);
        var differing = city.Keys.Union(district.Keys)
            .Where(n => !city.TryGetValue(n, out var c) || !district.TryGetValue(n, out var d) || !c.Equals(d)).Take(5)
            .Select(n => city.TryGetValue(n, out var c) && district.TryGetValue(n, out var d)
                ? $"{n}: {Fields(c, d)}"
                : $"{n}: city {Describe(city.GetValueOrDefault(n))} / district {Describe(district.GetValueOrDefault(n))}");
        return $"city {CityRecords.Count} records, district {DistrictRecords.Count}; city counts {string.Join(" ", CityCounts)}; district counts {string.Join(" ", DistrictCounts)}; first differences: {string.Join("; ", differing)}";
    }

    private static string Describe(MasterIndexEntry? e) => e is null ? "none" : $"{e.OwningInstitutionCode} {e.Status} v{e.Version}";

    /// <summary>The fields in which two entries of the same record differ, with both values.</summary>
    private static string Fields(MasterIndexEntry city, MasterIndexEntry district) => string.Join(", ",
        MasterIndexEntry.Descriptor.Fields.InFieldNumberOrder()
            .Where(f => !Equals(f.Accessor.GetValue(city), f.Accessor.GetValue(district)))
            .Select(f => $"{f.Name} city '{f.Accessor.GetValue(city)}' district '{f.Accessor.GetValue(district)}'"));

    private static async Task<T> Read<T>(RetryingCaller caller, string what, Func<Task<T>> read) where T : class
    {
        var answer = await caller.CallAsync(what, _ => read());
        return answer.Ok ? answer.Response! : throw new InvalidOperationException($"could not read {what}: {answer}");
    }
}
