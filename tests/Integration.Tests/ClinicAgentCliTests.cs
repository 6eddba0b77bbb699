using System.Diagnostics;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>The clinic agent's command line as staff would run it, against real nodes.</summary>
public sealed partial class ClinicAgentCliTests(FederationFixture fixture) : IClassFixture<FederationFixture>
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

    [Fact]
    public async Task CorrectionRequest_ThenApprove_ByTheDesignatedAdministrator_MakesVersion2()
    {
        // R-RC-3: requested with reason and evidence, approved by the designated administrator only
        // Arrange: a service the clinic uploaded, saved at the city
        using var clinic = fixture.Clinic("500106C01");
        var entry = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(950_010), "500106C01", "500106001001"));
        using var queue = Uploads.NewQueue();
        queue.Enqueue([Uploads.Service("u-cli-corr", entry.RecordNumber, "500106C01", Uploads.Today, Contracts.Types.V1.ServiceKind.Visit, ("weight_kg", "65"))]);
        await Uploads.SyncAsync(clinic, queue);
        await Uploads.EventuallyAsync(async () => await Uploads.CityScalarAsync(fixture.Federation,
            "SELECT COUNT(*) FROM service_records WHERE upload_id = 'u-cli-corr'") == 1, TimeSpan.FromSeconds(30), "the upload at the city");

        // Act
        var request = await RunAsync("500106C01", "correction", "request", "--upload-id", "u-cli-corr", "--correction-id", "corr-cli-1",
            "--requested-by", "王医生", "--reason", "体重录入错误", "--evidence", "纸质随访表", "--set", "weight_kg=56", "--main-problems", "高血压,肥胖");
        var byNurse = await RunAsync("500106C01", "correction", "approve", "--correction-id", "corr-cli-1", "--approver", "赵护士");
        var approve = await RunAsync("500106C01", "correction", "approve", "--correction-id", "corr-cli-1", "--approver", "500106C01-admin");
        var versions = await RunAsync("500106C01", "correction", "versions", "--upload-id", "u-cli-corr");

        // Assert
        Assert.Equal(0, request.ExitCode);
        Assert.StartsWith("Correction corr-cli-1 requested", request.Stdout);
        Assert.Equal(7, byNurse.ExitCode);
        Assert.Contains("Refused by rule R-RC-3", byNurse.Stderr);
        Assert.Equal(0, approve.ExitCode);
        Assert.Contains("by 500106C01-admin", approve.Stdout);
        Assert.Equal(0, versions.ExitCode);
        var lines = versions.Stdout.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("version ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("weight_kg=65", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("weight_kg=56", StringComparison.Ordinal));
        Assert.Contains("(correction corr-cli-1, approved by 500106C01-admin)", versions.Stdout);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string institution, params string[] args) =>
        RunAtAsync(institution, fixture.Federation.Districts[institution[..6]].Address, args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAtAsync(string institution, string district, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [RepoPaths.NodeDll("ClinicAgent"), "--district", district, "--institution", institution, .. TestCertificates.AgentArguments(institution), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The signed-in user of the clinic (R-AC-5): its usual clinician.
        start.Environment["HR_TOKEN"] = TestTokens.Issue(new Grains.Access.Principal("clinician", institution, Grains.Access.Role.Clinician));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
