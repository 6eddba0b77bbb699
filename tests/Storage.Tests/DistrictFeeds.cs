using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.District;

namespace HealthRecords.Storage.Tests;

/// <summary>Builds what a district receives from the city, numbered from a given position.</summary>
internal static class DistrictFeeds
{
    public static readonly DateTimeOffset At = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);

    public static IndexEntry Entry(string number, string owner, long version, RecordStatus status = RecordStatus.Active, string? district = null) => new(
        number, IdentityKind.CitizenId, "440308********1512", owner, district ?? owner[..6], status, version,
        number[..12], "500103C01", "王护士", At, At.AddMinutes(version));

    public static IReadOnlyList<ReceivedEvent> Numbered(long after, params DistrictFeedEvent[] events) =>
        events.Select((e, i) => new ReceivedEvent(after + i + 1, e, [(byte)(after + i + 1)])).ToList();

    public static RecordIndexChanged Changed(IndexEntry entry) => new(entry.UpdatedAt, entry);

    public static async Task<(DistrictFeed Feed, DistrictIndex Index)> NewDistrictAsync(IDatabaseProvider provider, string code = "500103")
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        return (new DistrictFeed(database, TimeProvider.System), new DistrictIndex(database, code));
    }
}

/// <summary>A clock that reads what the test sets: when the district applied an event.</summary>
internal sealed class SetClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
