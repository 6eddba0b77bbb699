using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>A city node serving the dashboard on its own loopback port, with one administrator account.</summary>
internal static class DashboardCity
{
    public static async Task<(NodeProcess City, string DashboardUrl)> StartAsync(Federation federation, CityAdministrator administrator)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string>(administrator.Settings) { ["Dashboard:Listen"] = $"127.0.0.1:{port}" };
        return (await federation.StartCityAsync(settings: settings), $"http://127.0.0.1:{port}");
    }
}
