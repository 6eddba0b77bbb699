using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>A city alone serving the dashboard: enough for who may see it and on which port.</summary>
public sealed class DashboardCityFixture : IAsyncLifetime
{
    public Federation Federation { get; } = new();

    public CityAdministrator Administrator { get; private set; } = null!;

    public NodeProcess City { get; private set; } = null!;

    public string DashboardUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Administrator = await CityAdministrator.CreateAsync();
        (City, DashboardUrl) = await DashboardCity.StartAsync(Federation, Administrator);
    }

    public Task DisposeAsync() => Federation.DisposeAsync().AsTask();
}
