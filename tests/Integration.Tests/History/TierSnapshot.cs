using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;

namespace HealthRecords.Integration.Tests.History;

/// <summary>One district as the city sees it and as the district's own index sees it: entries and counts.</summary>
internal sealed record TierSnapshot(string District, List<MasterIndexEntry> CityRecords, List<MasterIndexEntry> DistrictRecords,
    List<ManagedCount> CityCounts, List<ManagedCount> DistrictCounts)
{
    /// <summary>R-CN-2: the same records, each with the same owner, status and version, and the same counts.</summary>
    public bool TiersAgree => CityRecords.Select(Key).SequenceEqual(DistrictRecords.Select(Key)) && CityCounts.SequenceEqual(DistrictCounts);

    /// <summary>
    /// The district's index holds exactly the city's entries, every field it copies (the city's
    /// lifecycle fields stay at the city: <see cref="Feeds.IndexFields"/>), as Feeds.BothTiersAgreeAsync demands.
    /// </summary>
    public bool EntriesIdentical => CityRecords.Select(Feeds.IndexFields).SequenceEqual(DistrictRecords);

    /// <summary>Which fields differ between the tiers' entries of the same record, and in how many records.</summary>
    public string FieldDifferences()
    {
        var district = DistrictRecords.ToDictionary(e => e.RecordNumber);
        var differing = CityRecords.Select(Feeds.IndexFields).Where(c => district.TryGetValue(c.RecordNumber, out var d) && !c.Equals(d))
            .Select(c => (City: c, District: district[c.RecordNumber])).ToList();
        var fields = differing.SelectMany(p => MasterIndexEntry.Descriptor.Fields.InFieldNumberOrder()
                .Where(f => !Equals(f.Accessor.GetValue(p.City), f.Accessor.GetValue(p.District))).Select(f => f.Name))
            .GroupBy(n => n).Select(g => $"{g.Key} ({g.Count()})");
        return $"{differing.Count} of {CityRecords.Count} entries differ in {string.Join(", ", fields)}; e.g. {string.Join("; ", differing.Take(2).Select(p => $"{p.City.RecordNumber}: {Fields(p.City, p.District)}"))}";
    }

    private static (string, string, string, RecordStatus, long) Key(MasterIndexEntry e) =>
        (e.RecordNumber, e.OwningInstitutionCode, e.OwningDistrictCode, e.Status, e.Version);

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
            .Where(n => !city.TryGetValue(n, out var c) || !district.TryGetValue(n, out var d) || Key(c) != Key(d)).Take(5)
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
