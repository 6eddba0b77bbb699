using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Reconciliation;

/// <summary>R-CN-2 on a schedule, with the city on PostgreSQL and its districts on SQLite: the two engines' digests must agree.</summary>
public sealed class ScheduledReconciliationTests : IAsyncLifetime
{
    private PostgresServer? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _postgres!.DisposeAsync();

    [Fact]
    public async Task ScheduledRuns_ComparePostgresCityWithSqliteDistricts_AndAreKeptInTheHistory()
    {
        // R-CN-2
        // Arrange: a city on PostgreSQL reconciling every 2 seconds, districts 500103 and 500105 on SQLite.
        var administrator = await CityAdministrator.CreateAsync();
        await using var federation = new Federation();
        var settings = new Dictionary<string, string>(administrator.Settings) { ["Reconciliation:Every"] = "00:00:02" };
        await federation.StartCityAsync(await _postgres!.CreateDatabaseAsync("city"), settings);
        await federation.StartDistrictAsync("500103");
        await federation.StartDistrictAsync("500105");
        using var city = TestChannel.For(federation.City.Address);
        for (var i = 0; i < 8; i++)
            await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(620_000 + i), i % 2 == 0 ? "500103C02" : "500105C03", i % 2 == 0 ? "500103002001" : "500105101001");
        var calls = ReconciliationCalls.As(city, administrator);

        // Act: wait for a scheduled run that saw all eight records.
        Contracts.City.V1.Reconciliation? scheduled = null;
        await Uploads.EventuallyAsync(async () =>
        {
            scheduled = (await calls.HistoryAsync(100)).Reconciliations
                .FirstOrDefault(r => r.Trigger == ReconciliationTrigger.Scheduled && r.RecordsCompared == 8);
            return scheduled is not null;
        }, TimeSpan.FromSeconds(60), "a scheduled reconciliation of all eight records");

        // Assert: the two districts that run are consistent with the PostgreSQL city; 500106 has no node.
        Assert.Equal("schedule", scheduled!.RequestedBy);
        Assert.Equal(ReconciliationOutcome.Consistent, scheduled.Districts.Single(d => d.DistrictCode == "500103").Outcome);
        Assert.Equal(ReconciliationOutcome.Consistent, scheduled.Districts.Single(d => d.DistrictCode == "500105").Outcome);
        Assert.Equal(ReconciliationOutcome.Incomplete, scheduled.Outcome);
        Assert.Equal(4, scheduled.Districts.Single(d => d.DistrictCode == "500105").Clinics.Single(c => c.InstitutionCode == "500105C03").District.Managed);
    }
}
