using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Records;
using static HealthRecords.Storage.Tests.DistrictFeeds;

namespace HealthRecords.Storage.Tests;

/// <summary>The district's copy of index entries as the city's events leave it, on SQLite and PostgreSQL alike.</summary>
public abstract class DistrictIndexContract(IDatabaseProvider provider)
{
    [Fact]
    public async Task NewerVersionWins_OlderOrRepeatedIsIgnored()
    {
        // Arrange
        var (feed, index) = await NewDistrictAsync(provider);
        var v1 = Entry("50010300100100001", "500103C01", version: 1);
        var v2 = v1 with { Version = 2, OwnerInstitution = "500103C02" };

        // Act: an older and a repeated version after the newest
        await feed.ApplyAsync(Numbered(0, Changed(v2), Changed(v1), Changed(v2)), default);

        // Assert
        Assert.Equal(v2, await index.GetAsync(v1.RecordNumber, default));
    }

    [Fact]
    public async Task List_FiltersByClinic_AndPagesInOrder()
    {
        var (feed, index) = await NewDistrictAsync(provider);
        await feed.ApplyAsync(Numbered(0, Enumerable.Range(1, 5).Reverse()
            .Select(i => (DistrictFeedEvent)Changed(Entry($"5001030010010000{i}", i % 2 == 0 ? "500103C02" : "500103C01", 1))).ToArray()), default);

        var firstPage = await index.ListAsync("500103C01", null, 2, default);
        var secondPage = await index.ListAsync("500103C01", firstPage[^1].RecordNumber, 2, default);
        var everyone = await index.ListAsync(null, null, 100, default);

        Assert.Equal(["50010300100100001", "50010300100100003"], firstPage.Select(e => e.RecordNumber));
        Assert.Equal(["50010300100100005"], secondPage.Select(e => e.RecordNumber));
        Assert.Equal(5, everyone.Count);
    }

    [Fact]
    public async Task RecordMovedToAnotherDistrict_StillSaysWhereItWent_ButIsNeitherListedNorCounted()
    {
        // R-CN-2: it left this district's figures; a lookup here still finds its new owner.
        var (feed, index) = await NewDistrictAsync(provider);
        var enrolled = Entry("50010300100100001", "500103C01", 1);
        var moved = enrolled with { Version = 2, OwnerInstitution = "500105C01", OwnerDistrict = "500105" };

        await feed.ApplyAsync(Numbered(0, Changed(enrolled), Changed(moved)), default);

        Assert.Equal("500105C01", (await index.GetAsync(enrolled.RecordNumber, default))!.OwnerInstitution);
        Assert.Empty(await index.ListAsync(null, null, 10, default));
        Assert.Empty(await index.CountByOwnerAsync(default));
    }

    [Fact]
    public async Task Counts_AreByClinicAndStatus_OfThisDistrictsRecords()
    {
        // R-CN-1
        var (feed, index) = await NewDistrictAsync(provider);
        await feed.ApplyAsync(Numbered(0,
            Changed(Entry("50010300100100001", "500103C01", 1)),
            Changed(Entry("50010300100100002", "500103C01", 1)),
            Changed(Entry("50010300100100003", "500103C01", 2, RecordStatus.Deceased)),
            Changed(Entry("50010300200100001", "500103C02", 2, RecordStatus.LostToFollowUp))), default);

        var counts = await index.CountByOwnerAsync(default);

        Assert.Equal(
            [new StatusCount("500103", "500103C01", RecordStatus.Active, 2), new StatusCount("500103", "500103C01", RecordStatus.Deceased, 1),
             new StatusCount("500103", "500103C02", RecordStatus.LostToFollowUp, 1)],
            counts.OrderBy(c => c.InstitutionCode, StringComparer.Ordinal).ThenBy(c => c.Status));
    }

    [Fact]
    public async Task RecordClosed_ClosesTheFormerOwnersCopy_UntilTheRecordComesBack()
    {
        // R-TR-6: after a transfer the old owner's copy is closed; the new owner's is not.
        // Arrange
        var (feed, index) = await NewDistrictAsync(provider);
        var number = "50010300100100001";
        var enrolled = Entry(number, "500103C01", 1);
        var transferred = enrolled with { Version = 2, OwnerInstitution = "500103C02" };
        var back = enrolled with { Version = 3 };

        // Act
        await feed.ApplyAsync(Numbered(0, Changed(enrolled), Changed(transferred), new RecordClosed(At, number, "500103C01", "500103C02")), default);
        var closedAfterTransfer = (await index.IsClosedAtAsync(number, "500103C01", default), await index.IsClosedAtAsync(number, "500103C02", default));
        await feed.ApplyAsync(Numbered(3, Changed(back), new RecordClosed(At, number, "500103C02", "500103C01")), default);
        var closedAfterReturn = (await index.IsClosedAtAsync(number, "500103C01", default), await index.IsClosedAtAsync(number, "500103C02", default));

        // Assert
        Assert.Equal((true, false), closedAfterTransfer);
        Assert.Equal((false, true), closedAfterReturn);
    }
}

public sealed class SqliteDistrictIndexTests(SqliteProvider provider) : DistrictIndexContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresDistrictIndexTests(PostgresProvider provider) : DistrictIndexContract(provider);
