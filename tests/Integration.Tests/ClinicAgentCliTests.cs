using System.Diagnostics;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>The clinic agent's command line as staff would run it, against real nodes.</summary>
public sealed class ClinicAgentCliTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    [Fact]
    public async Task Enroll_ThenEnrollAgainElsewhere_ExplainsTheExistingRecord()
    {
        // R-ID-5: the second clinic is told the existing record number and owner.
        var id = TestIdentities.CitizenId(950_001);

        var first = await RunAsync("500103C01", "enroll", "--citizen-id", id, "--name", "刘一", "--committee", "500103001002", "--staff", "王护士");
        var second = await RunAsync("500105C01", "enroll", "--citizen-id", id, "--name", "刘一", "--committee", "500105001001", "--staff", "赵医生");
        var lookup = await RunAsync("500106C01", "lookup", "--citizen-id", id);

        Assert.Equal(0, first.ExitCode);
        var number = first.Stdout.Split(' ', '\n').Where(w => w.Length == 17 && w.All(char.IsAsciiDigit)).Distinct().Single();
        Assert.StartsWith("Enrolled: record 500103001002", first.Stdout);
        Assert.Equal(3, second.ExitCode);
        Assert.Contains($"Already enrolled: record {number}, owned by 500103C01 (district 500103)", second.Stderr);
        Assert.Equal(0, lookup.ExitCode);
        Assert.Contains(number, lookup.Stdout);
    }

    [Fact]
    public async Task Enroll_WithInvalidIdNumber_NamesTheField()
    {
        // R-ID-2
        var result = await RunAsync("500103C01", "enroll", "--citizen-id", "440308199901101513", "--name", "陈二", "--committee", "500103001002", "--staff", "王护士");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("identity.citizen_id_number:", result.Stderr);
    }

    [Fact]
    public async Task Lookup_OfUnknownResident_ExitsWithNotFound()
    {
        var result = await RunAsync("500103C01", "lookup", "--citizen-id", TestIdentities.CitizenId(950_002));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Not enrolled", result.Stdout);
    }

    [Fact]
    public async Task UnreachableDistrict_IsReportedAsSuch()
    {
        var result = await RunAtAsync("500103C01", $"http://127.0.0.1:{FreePort.Next()}", "enroll", "--citizen-id", TestIdentities.CitizenId(950_003),
            "--name", "张三", "--committee", "500103001002", "--staff", "王护士", "--retries", "0");

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("Could not complete the call", result.Stderr);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string institution, params string[] args) =>
        RunAtAsync(institution, fixture.Federation.Districts[institution[..6]].Address, args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAtAsync(string institution, string district, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [RepoPaths.NodeDll("ClinicAgent"), "--district", district, "--institution", institution, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
