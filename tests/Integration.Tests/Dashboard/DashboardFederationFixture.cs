using HealthRecords.ClinicAgent;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>A city serving the dashboard, and a node for every district of the topology, so a reconciliation can be complete.</summary>
public sealed class DashboardFederationFixture : IAsyncLifetime
{
    public Federation Federation { get; } = new();

    public CityAdministrator Administrator { get; private set; } = null!;

    public string DashboardUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Administrator = await CityAdministrator.CreateAsync();
        (_, DashboardUrl) = await DashboardCity.StartAsync(Federation, Administrator);
        foreach (var district in new[] { "500103", "500105", "500106" })
            await Federation.StartDistrictAsync(district);
    }

    public Task DisposeAsync() => Federation.DisposeAsync().AsTask();

    public DistrictConnection Clinic(string institutionCode) => TestChannel.Clinic(Federation.Districts[institutionCode[..6]].Address, institutionCode);

    /// <summary>Waits until every district holds the city's entries and counts (R-CN-2).</summary>
    public async Task BothTiersAgreeAsync(GrpcChannel city)
    {
        foreach (var (code, node) in Federation.Districts)
        {
            using var district = TestChannel.For(node.Address);
            await Feeds.BothTiersAgreeAsync(city, district, code);
        }
    }

    /// <summary>Where a test's screenshot goes: the test's output directory.</summary>
    public static string Screenshot(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.Delete(path);
        return path;
    }
}
