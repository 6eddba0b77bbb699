using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using Npgsql;

namespace HealthRecords.Integration.Tests;

/// <summary>Several city processes on one PostgreSQL database: how the city scales out.</summary>
public sealed class PostgresCityTests : IAsyncLifetime
{
    private PostgresServer? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _postgres!.DisposeAsync();

    [Fact]
    public async Task TwoCityProcessesOnOneDatabase_EnrollingTheSameIdentities_KeepOneRecordEach()
    {
        // R-ID-1: uniqueness is the database's unique key, so it holds across city processes.
        // Arrange: districts 500103 and 500106 use city A, 500105 uses city B, one database behind both.
        var connectionString = await _postgres!.CreateDatabaseAsync("city");
        await using var federation = new Federation();
        var cityA = await federation.StartCityAsync(connectionString);
        var cityB = await federation.StartCityAsync(connectionString);
        await federation.StartDistrictAsync("500103", cityA);
        await federation.StartDistrictAsync("500105", cityB);
        await federation.StartDistrictAsync("500106", cityA);
        var clinics = new[] { ("500103C01", "500103001001"), ("500105C01", "500105001001"), ("500106C01", "500106001001") };
        var connections = clinics.Select(c => TestChannel.Clinic(federation.Districts[c.Item1[..6]].Address, c.Item1)).ToArray();
        const int identities = 60;

        // Act: every identity is enrolled through all three districts at once, four times each.
        var results = await Task.WhenAll(Enumerable.Range(0, identities * 12).Select(async i =>
        {
            var id = TestIdentities.CitizenId(940_000 + i % identities);
            var (institution, committee) = clinics[i % 3];
            try
            {
                var entry = await connections[i % 3].EnrollAsync(Requests.Enroll(id, institution, committee));
                return (id, entry.RecordNumber, won: true);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                return (id, e.GetDetail<ExistingEnrollment>()!.Entry.RecordNumber, won: false);
            }
        }));

        // Assert: one winner per identity, every refusal names it, and the database holds one row each.
        foreach (var group in results.GroupBy(r => r.id))
        {
            Assert.Single(group, r => r.won);
            Assert.Single(group.Select(r => r.RecordNumber).Distinct());
        }
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        // R-AC-6: the identity's keyed hash is the unique key; the plaintext column stays empty.
        await using var count = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT identity_hash) FROM records", db);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(identities, reader.GetInt64(0));
        Assert.Equal(identities, reader.GetInt64(1));
        foreach (var c in connections)
            c.Dispose();
    }

    [Fact]
    public async Task DistrictFollowingOneCityProcess_GetsTheEventsAnotherCommits_InOneGaplessOrder()
    {
        // R-CN-2 with the city scaled out: both processes append to one log; the head row orders them.
        // Arrange: district 500103 follows city A; enrollments for its clinics go through it (city A)
        // and, at the same time, straight to city B as district 500103.
        var connectionString = await _postgres!.CreateDatabaseAsync("feed");
        await using var federation = new Federation();
        var cityA = await federation.StartCityAsync(connectionString);
        var cityB = await federation.StartCityAsync(connectionString);
        var node = await federation.StartDistrictAsync("500103", cityA);
        using var clinic = TestChannel.Clinic(node.Address, "500103C01");
        using var channelB = TestChannel.For(cityB.Address);

        // Act
        var throughA = Enumerable.Range(0, 30).Select(i =>
            clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(996_000 + i), "500103C01", "500103001001")));
        var throughB = Enumerable.Range(0, 30).Select(i =>
            Feeds.EnrollAtCityAsync(channelB, TestIdentities.CitizenId(996_100 + i), "500103C02", "500103002001"));
        await Task.WhenAll(throughA.Concat(throughB));

        // Assert: the district holds all 60 once each, applied as events 1..60.
        using var district = TestChannel.For(node.Address);
        await Feeds.BothTiersAgreeAsync(channelB, district, "500103");
        Assert.Equal(60, (await Feeds.DistrictRecordsAsync(district, "500103")).Select(r => r.RecordNumber).Distinct().Count());
        var applied = await Feeds.DistrictEventsAsync(district, "district:500103");
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), applied.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ServiceUploads_WithTheCityOnPostgres_ArriveOnceEach_AndRefusalsAreRemembered()
    {
        // R-RC-1 timeline on PostgreSQL; exactly-once effect through the set-based (unnest) writes.
        // Arrange: one city on PostgreSQL, one district, one resident, 1,200 services queued twice.
        var connectionString = await _postgres!.CreateDatabaseAsync("uploads");
        await using var federation = new Federation();
        await federation.StartCityAsync(connectionString);
        var district = await federation.StartDistrictAsync("500103");
        using var clinic = TestChannel.Clinic(district.Address, "500103C01");
        var entry = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(950_001), "500103C01", "500103001001"));
        var born = new DateOnly(1940, 1, 1).AddDays(950_001 / 999); // TestIdentities' birth date
        var services = Enumerable.Range(0, 1200)
            .Select(i => Uploads.Service($"pg-{i}", entry.RecordNumber, "500103C01", Uploads.Today.AddDays(-(i % 30))))
            .Append(Uploads.Service("pg-unborn", entry.RecordNumber, "500103C01", born.AddDays(-1)))
            .ToList();
        using var queue = Uploads.NewQueue();

        // Act
        queue.Enqueue(services.Select(s => s.Clone()));
        var first = await Uploads.SyncAsync(clinic, queue);
        queue.Enqueue(services.Select(s => s.Clone()));
        var second = await Uploads.SyncAsync(clinic, queue);
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        await Uploads.EventuallyAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM upload_rejections") == 1,
            TimeSpan.FromSeconds(60), "the city's refusal stored");

        // Assert: each service once, the refusal once, the record's derived last service date is today.
        Assert.Equal((1201, 1201), (first.Acknowledged, second.Acknowledged));
        Assert.Equal(1200, await ScalarAsync("SELECT COUNT(*) FROM service_records"));
        Assert.Equal(1200, await ScalarAsync("SELECT COUNT(DISTINCT upload_id) FROM service_records WHERE upload_id LIKE 'pg-%'"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM upload_rejections WHERE upload_id = 'pg-unborn' AND code = 'service_date'"));
        Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) FROM records WHERE record_number = '{entry.RecordNumber}' AND last_service_date = '{Uploads.Today:yyyy-MM-dd}'"));
    }
}
