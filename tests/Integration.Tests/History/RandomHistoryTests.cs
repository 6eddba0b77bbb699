using HealthRecords.Integration.Tests.History;
using HealthRecords.TestSupport;
using Xunit.Abstractions;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// A randomized, seeded history on real processes: 3 districts × 3 clinics, 10,000 operations
/// (enroll, transfers within and across districts, confirm, reject, expire, lost, deceased, moved out,
/// reactivate, and refusals the model predicts), the city and the districts SIGKILLed and restarted
/// at random points. When quiet, every clinic's managed and archived counts are equal at the district,
/// at the city and in the history (R-CN-1, R-CN-2), and every record has exactly one owner (R-ID-1).
/// HR_HISTORY_SEED replays a run; HR_HISTORY_OPS shortens it for a local run.
/// </summary>
public sealed class RandomHistoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RandomHistory_WithKills_BothTiersAndTheModelAgree_OnCountsAndOwners()
    {
        // Arrange: R-TR-1..6, R-ST-1..6, R-CN-1, R-CN-2, R-ID-1
        var settings = HistorySettings.FromEnvironment();
        output.WriteLine($"history seed {settings.Seed}, {settings.Operations} operations, {settings.Lanes} lanes, {settings.Kills} kills");
        await using var federation = new Federation();
        await federation.StartCityAsync();
        foreach (var district in new[] { "500103", "500105", "500106" })
            await federation.StartDistrictAsync(district);

        // Act
        var (summary, problems) = await new HistoryRun(federation, settings).RunAsync();

        // Assert
        output.WriteLine(summary);
        foreach (var problem in problems.Take(200))
            output.WriteLine(problem);
        Assert.True(problems.Count == 0,
            $"seed {settings.Seed}: {problems.Count} disagreements with the model, first:\n{string.Join("\n", problems.Take(30))}\n{summary}");
    }
}
