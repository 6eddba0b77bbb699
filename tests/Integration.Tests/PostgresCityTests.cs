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
        var connections = clinics.Select(c => new DistrictConnection(federation.Districts[c.Item1[..6]].Address, c.Item1)).ToArray();
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
        await using var count = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT identity_key) FROM records", db);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(identities, reader.GetInt64(0));
        Assert.Equal(identities, reader.GetInt64(1));
        foreach (var c in connections)
            c.Dispose();
    }
}
