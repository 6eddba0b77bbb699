using HealthRecords.ClinicAgent;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>A city and the three demo districts as real processes on SQLite, shared by a test class.</summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public Federation Federation { get; } = new();

    public async Task InitializeAsync()
    {
        await Federation.StartCityAsync();
        foreach (var district in new[] { "500103", "500105", "500106" })
            await Federation.StartDistrictAsync(district);
    }

    public Task DisposeAsync() => Federation.DisposeAsync().AsTask();

    /// <summary>A clinic's connection to its district: institution codes start with their district's code.</summary>
    public DistrictConnection Clinic(string institutionCode) =>
        TestChannel.Clinic(Federation.Districts[institutionCode[..6]].Address, institutionCode);
}
