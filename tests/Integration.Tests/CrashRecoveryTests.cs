using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>A crash of any node at any moment loses nothing that was acknowledged.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task AcknowledgedEnrollments_SurviveSigkillOfCityAndDistrict_AndSerialsAreNotReused()
    {
        // R-ID-4: numbers are never reused, also across a crash.
        // Arrange
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var district = await federation.StartDistrictAsync("500103");
        using var clinic = TestChannel.Clinic(district.Address, "500103C01");
        var before = new List<MasterIndexEntry>();
        for (var i = 0; i < 20; i++)
            before.Add(await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(930_000 + i), "500103C01", "500103001003")));

        // Act: SIGKILL both, restart on the same files
        await federation.City.KillAsync();
        await district.KillAsync();
        await federation.City.StartAsync();
        await district.StartAsync();
        var after = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(930_100), "500103C01", "500103001003"));

        // Assert
        foreach (var entry in before)
        {
            var found = await clinic.LookupAsync(new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(930_000 + before.IndexOf(entry)) });
            Assert.Equal(entry.RecordNumber, found.Entry.RecordNumber);
        }
        await Uploads.EventuallyAsync(async () => (await clinic.ListRecordsAsync(100, "")).Entries.Count == 21,
            TimeSpan.FromSeconds(60), "21 records in the district's index");
        var kept = await clinic.ListRecordsAsync(100, "");
        Assert.Equal(before.Append(after).Select(e => e.RecordNumber).Order(StringComparer.Ordinal), kept.Entries.Select(e => e.RecordNumber));
        Assert.DoesNotContain(after.RecordNumber, before.Select(e => e.RecordNumber));
        Assert.Equal(21, int.Parse(after.RecordNumber[12..]));
    }
}
