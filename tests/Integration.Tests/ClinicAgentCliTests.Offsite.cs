using System.Globalization;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>The clinic agent's off-site commands as staff would run them: notices in the inbox, marking them read, looking a resident up.</summary>
public sealed partial class ClinicAgentCliTests
{
    [Fact]
    public async Task R_OS_3_Inbox_PrintsAnUnreadOffsiteNotice_AndNoticeReadTakesItOut()
    {
        // R-OS-3: the owning clinic's staff are prompted until one of them has read it
        // Arrange: a resident of 500103C02 served by 500105C02
        var enrolled = await RunAsync("500103C02", "enroll", "--citizen-id", TestIdentities.CitizenId(1_210_001), "--name", "郑七",
            "--committee", "500103002002", "--staff", "王护士");
        var number = RecordNumberIn(enrolled.Stdout);
        await NoticeCalls.ServeElsewhereAsync(fixture.Federation, number, "500105C02", "cli-ons-1");
        var today = Uploads.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Act
        var inbox = await EventuallyAsync("500103C02", r => r.Stdout.Contains("cli-ons-1", StringComparison.Ordinal), "inbox");
        var noReader = await RunAsync("500103C02", "notice", "read", "cli-ons-1", "--by", " ");
        var read = await RunAsync("500103C02", "notice", "read", "cli-ons-1", "--by", "王医生");
        var after = await RunAsync("500103C02", "inbox");
        var notices = await RunAsync("500103C02", "notices");
        var unread = await RunAsync("500103C02", "notices", "--unread");

        // Assert
        Assert.Equal(0, inbox.ExitCode);
        Assert.Contains("Your residents served by other clinics, unread (1): mark each read with 'notice read NOTICE_ID --by STAFF'", inbox.Stdout);
        Assert.Contains($"cli-ons-1  record {number}  hypertension follow-up on {today}  served by 500105C02 (district 500105), 李医生: 随访  unread", inbox.Stdout);
        Assert.Equal(2, noReader.ExitCode);
        Assert.Contains("read_by:", noReader.Stderr);
        Assert.Equal(0, read.ExitCode);
        Assert.StartsWith("Notice cli-ons-1 read by 王医生 at ", read.Stdout);
        Assert.Contains("unread (0)", after.Stdout);
        Assert.DoesNotContain("cli-ons-1", after.Stdout);
        Assert.Contains("by 王医生", notices.Stdout);
        Assert.Contains("1 notice(s).", notices.Stdout);
        Assert.Contains("0 notice(s).", unread.Stdout);
    }

    [Fact]
    public async Task R_OS_1_OffsiteLookup_OfA70YearOld_IsAllowedAsKeyPopulation_AndPrintsTheBasis()
    {
        // R-OS-1: elderly (65+) is a key population; R-OS-2: a resident outside them needs the resident's authorization, which
        // the clinic's statement alone is not: the resident's code, confirmed at the city (R-AC-2); every lookup is logged
        // Arrange: residents of 500103C01 aged 70 and 30, looked up by 500106C02 in another district
        var elderId = CitizenIdAged(70, 1);
        var elder = RecordNumberIn((await RunAsync("500103C01", "enroll", "--citizen-id", elderId, "--name", "冯八",
            "--committee", "500103001002", "--staff", "王护士")).Stdout);
        var young = RecordNumberIn((await RunAsync("500103C01", "enroll", "--citizen-id", CitizenIdAged(30, 2), "--name", "陈九",
            "--committee", "500103001002", "--staff", "王护士", "--phone", "13900001234")).Stdout);

        // Act
        var lookup = await RunAsync("500106C02", "offsite", "lookup", "--record", elder, "--staff", "赵医生", "--purpose", "老年人年度健康体检", "--months-here", "2");
        var byIdentity = await RunAsync("500106C02", "offsite", "lookup", "--citizen-id", elderId, "--staff", "赵医生", "--purpose", "复诊");
        var both = await RunAsync("500106C02", "offsite", "lookup", "--record", elder, "--citizen-id", elderId, "--staff", "赵医生", "--purpose", "复诊");
        var refused = await RunAsync("500106C02", "offsite", "lookup", "--record", young, "--staff", "赵医生", "--purpose", "门诊",
            "--authorization-method", "sms", "--authorization-evidence", "短信确认 8823");
        var codeSent = await RunAsync("500106C02", "access", "request-code", "--record", young, "--purpose", "门诊");
        var challenge = System.Text.RegularExpressions.Regex.Match(codeSent.Stdout, "--challenge (\\S+)").Groups[1].Value;
        var confirmed = await RunAsync("500106C02", "access", "confirm", "--challenge", challenge,
            "--code", Security.ResidentCodes.LastSmsCode(fixture.Federation, "13900001234"));
        var authorized = await RunAsync("500106C02", "offsite", "lookup", "--record", young, "--staff", "赵医生", "--purpose", "门诊",
            "--authorization-method", "sms", "--authorization-evidence", "短信确认 8823");
        var audit = await RunAsync("500103C01", "offsite", "audit", "--record", elder);
        var counts = await RunAsync("500106C02", "offsite", "counts", "--year", Uploads.Today.Year.ToString(CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(0, lookup.ExitCode);
        Assert.Contains("name           冯八", lookup.Stdout);
        Assert.Contains($"record number  {elder}", lookup.Stdout);
        Assert.Contains("owner          500103C01 (district 500103)", lookup.Stdout);
        Assert.Contains("access basis   key population (R-OS-1)", lookup.Stdout);
        Assert.Contains("key population elderly (65+)", lookup.Stdout);
        Assert.Contains("elderly_annual_health_examination: not given yet this year", lookup.Stdout);
        Assert.Equal(0, byIdentity.ExitCode);
        Assert.Contains($"record number  {elder}", byIdentity.Stdout);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("Not allowed", refused.Stderr);
        Assert.Equal(0, codeSent.ExitCode);
        Assert.StartsWith("Code sent to 139****1234", codeSent.Stdout);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Contains($"clinician of 500106C02 may read record {young} until", confirmed.Stdout);
        Assert.Equal(0, authorized.ExitCode);
        Assert.Contains("access basis   resident's authorization (R-OS-2)", authorized.Stdout);
        Assert.Contains("key population none", authorized.Stdout);
        Assert.Equal(0, audit.ExitCode);
        Assert.Contains("2 lookup(s).", audit.Stdout);
        Assert.Contains("500106C02 赵医生  offsite_summary", audit.Stdout);
        Assert.Contains("allowed (key_population)  purpose: 老年人年度健康体检", audit.Stdout);
        Assert.Equal(0, counts.ExitCode);
        Assert.Contains("district 500106", counts.Stdout);
        Assert.Contains("500106C02", counts.Stdout);
    }

    /// <summary>A valid citizen ID of someone who turned <paramref name="years"/> a month ago (TestIdentities walks birth dates from 1940).</summary>
    private static string CitizenIdAged(int years, int sequence)
    {
        var born = Uploads.Today.AddYears(-years).AddMonths(-1);
        return TestIdentities.CitizenId((born.DayNumber - new DateOnly(1940, 1, 1).DayNumber) * 999L + sequence);
    }
}
