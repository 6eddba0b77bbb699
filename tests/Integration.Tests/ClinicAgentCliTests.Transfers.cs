using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>The clinic agent's transfer, inbox and status commands as staff would run them.</summary>
public sealed partial class ClinicAgentCliTests
{
    [Fact]
    public async Task R_TR_2_TransferRequest_ShowsInTheOwnersInbox_ARefusalNeedsAReason_AndConfirmMovesTheRecord()
    {
        // R-TR-1, R-TR-2, R-TR-3: the prospective clinic asks with consent and reason; the owner answers from its inbox.
        // Arrange
        var enrolled = await RunAsync("500103C01", "enroll", "--citizen-id", TestIdentities.CitizenId(970_101), "--name", "周五",
            "--committee", "500103001003", "--staff", "王护士");
        var number = RecordNumberIn(enrolled.Stdout);

        // Act
        var request = await RunAsync("500105C02", "transfer", "request", "--record", number, "--to", "500105C02", "--consent", "signed",
            "--reason", "residence", "--request-id", "cli-t1");
        var inbox = await EventuallyAsync("500103C01", r => r.Stdout.Contains("cli-t1", StringComparison.Ordinal), "inbox");
        var noReason = await RunAsync("500103C01", "transfer", "answer", "--id", "cli-t1", "--reject", "");
        var confirm = await RunAsync("500103C01", "transfer", "answer", "--id", "cli-t1", "--confirm");
        var listed = await EventuallyAsync("500105C02", r => r.Stdout.Contains("cli-t1", StringComparison.Ordinal), "transfer", "list", "--state", "completed");
        var show = await RunAsync("500105C02", "transfer", "show", "--id", "cli-t1");

        // Assert
        Assert.Equal(0, request.ExitCode);
        Assert.StartsWith("Transfer cli-t1 requested: 500103C01 must confirm or refuse it by", request.Stdout);
        Assert.Contains("consent        signed form on site", request.Stdout);
        Assert.Contains("To answer (1)", inbox.Stdout);
        Assert.Contains($"cli-t1  pending    record {number}  500103C01 -> 500105C02  asked by 500105C02  due ", inbox.Stdout);
        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("rejection_reason", noReason.Stderr);
        Assert.Equal(0, confirm.ExitCode);
        Assert.StartsWith($"Transfer cli-t1 confirmed: record {number} now belongs to 500105C02.", confirm.Stdout);
        Assert.Contains("1 transfer(s).", listed.Stdout);
        Assert.Contains("transfer       cli-t1 (completed)", show.Stdout);
    }

    [Fact]
    public async Task R_ST_3_StatusDeath_ThenHistory_PrintWhatAClerkNeeds()
    {
        // R-ST-3: date and cause; the record is archived. R-ST-7: the history names each change with its reason.
        // Arrange
        var enrolled = await RunAsync("500106C01", "enroll", "--citizen-id", TestIdentities.CitizenId(970_102), "--name", "吴六",
            "--committee", "500106001002", "--staff", "赵医生");
        var number = RecordNumberIn(enrolled.Stdout);
        var today = Uploads.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var death = await RunAsync("500106C01", "status", "death", "--record", number, "--date", today, "--cause", "心力衰竭",
            "--notice-date", today, "--recorded-by", "赵医生");
        var again = await RunAsync("500106C01", "status", "reactivate", "--record", number, "--cause", "复诊");
        var history = await RunAsync("500106C01", "status", "history", "--record", number);
        var candidates = await RunAsync("500106C01", "status", "candidates");

        // Assert
        Assert.Equal(0, death.ExitCode);
        Assert.StartsWith($"Death recorded for record {number}", death.Stdout);
        Assert.Contains("status         deceased (死亡)", death.Stdout);
        Assert.Contains($"died           {today}", death.Stdout);
        Assert.Equal(7, again.ExitCode); // R-ST-3: a deceased record never reactivates
        Assert.Contains("Refused by rule", again.Stderr);
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("enrolled", history.Stdout);
        Assert.Contains("death_recorded", history.Stdout);
        Assert.Equal(0, candidates.ExitCode);
        Assert.Contains("candidate(s).", candidates.Stdout);
    }

    private static string RecordNumberIn(string stdout) =>
        stdout.Split(' ', '\n').Where(w => w.Length == 17 && w.All(char.IsAsciiDigit)).Distinct().Single();

    /// <summary>Runs a command until its output satisfies the condition (the districts learn from the city's events a moment later).</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> EventuallyAsync(string institution,
        Func<(int ExitCode, string Stdout, string Stderr), bool> condition, params string[] args)
    {
        (int ExitCode, string Stdout, string Stderr) last = default;
        await Uploads.EventuallyAsync(async () => condition(last = await RunAsync(institution, args)), Feeds.Timeout, string.Join(' ', args));
        return last;
    }
}
