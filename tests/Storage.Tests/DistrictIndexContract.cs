using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.District;

namespace HealthRecords.Storage.Tests;

/// <summary>The district's copy of index entries, on SQLite and PostgreSQL alike.</summary>
public abstract class DistrictIndexContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NewerVersionWins_OlderOrRepeatedIsIgnored()
    {
        // Arrange
        var index = await NewIndexAsync();
        var v1 = Entry("50010300100100001", "500103C01", version: 1);
        var v2 = v1 with { Version = 2, OwnerInstitution = "500103C02" };

        // Act: deliveries out of order and repeated
        await index.ApplyAsync(v2, default);
        await index.ApplyAsync(v1, default);
        await index.ApplyAsync(v2, default);

        // Assert
        var stored = await index.GetAsync(v1.RecordNumber, default);
        Assert.Equal(v2, stored);
    }

    [Fact]
    public async Task List_FiltersByClinic_AndPagesInOrder()
    {
        var index = await NewIndexAsync();
        for (var i = 5; i >= 1; i--)
            await index.ApplyAsync(Entry($"5001030010010000{i}", i % 2 == 0 ? "500103C02" : "500103C01", 1), default);

        var firstPage = await index.ListAsync("500103C01", null, 2, default);
        var secondPage = await index.ListAsync("500103C01", firstPage[^1].RecordNumber, 2, default);
        var everyone = await index.ListAsync(null, null, 100, default);

        Assert.Equal(["50010300100100001", "50010300100100003"], firstPage.Select(e => e.RecordNumber));
        Assert.Equal(["50010300100100005"], secondPage.Select(e => e.RecordNumber));
        Assert.Equal(5, everyone.Count);
    }

    private async Task<DistrictIndex> NewIndexAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        return new DistrictIndex(database);
    }

    private static IndexEntry Entry(string number, string owner, long version) => new(
        number, IdentityKind.CitizenId, "440308********1512", owner, "500103", RecordStatus.Active, version,
        number[..12], "500103C01", "王护士", At, At.AddMinutes(version));
}

public sealed class SqliteDistrictIndexTests(SqliteProvider provider) : DistrictIndexContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresDistrictIndexTests(PostgresProvider provider) : DistrictIndexContract(provider);
