using System.Net;
using System.Text.Json;
using HealthRecords.Integration.Tests.Reconciliation;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using HealthRecords.Storage;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>
/// The city administrators' dashboard in a real browser (Debian's headless Chromium driven by
/// playwright-core) against a running federation: what the page shows is checked against the city's
/// gRPC counts, and its buttons reconcile and repair for real. Each test waits for both tiers to agree
/// first, so they hold in any order on the shared federation.
/// </summary>
public sealed class DashboardBrowserTests(DashboardFederationFixture fixture) : IClassFixture<DashboardFederationFixture>
{
    private static int _next;

    [Fact]
    public async Task Dashboard_ShowsCityAndDistrictCountsSideBySide_AndReconcileNowShowsTheRun()
    {
        // R-CN-1, R-CN-2
        // Arrange: residents enrolled through the districts, one deceased (archived), one transfer waiting for 500103C02's answer.
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var enrolled = new List<MasterIndexEntry>();
        foreach (var (institution, committee, count) in new[] { ("500103C01", "500103001001", 3), ("500103C02", "500103002001", 2), ("500105C01", "500105001001", 2) })
            for (var i = 0; i < count; i++)
                enrolled.Add(await EnrollAsync(institution, committee));
        var today = Uploads.Today;
        await CityTransfers.DeathAsync(city, enrolled[0].RecordNumber, "500103C01", today.AddDays(-2), today);
        await CityTransfers.RequestAsync(city, enrolled[1].RecordNumber, "500103C02", "500103C01");
        await fixture.BothTiersAgreeAsync(city);
        var counts = await Feeds.CityCountsAsync(city, "", asDistrict: "500103");
        var screenshot = DashboardFederationFixture.Screenshot("dashboard-overview.png");

        // Act
        var seen = await BrowserScript.RunAsync("overview", fixture.DashboardUrl, fixture.Administrator, screenshot);

        // Assert: sign-in first, a wrong password refused, then the city's figures exactly as gRPC counts them.
        Assert.True(seen.GetProperty("redirectedToSignIn").GetBoolean());
        var refused = seen.GetProperty("wrongPassword");
        Assert.Equal(401, refused.GetProperty("status").GetInt32());
        Assert.Contains("wrong user name or password", refused.GetProperty("message").GetString());
        Assert.True(refused.GetProperty("stayedOnSignIn").GetBoolean());
        Assert.Equal(fixture.Administrator.User, seen.GetProperty("signedInAs").GetString());
        var expected = counts.Select(c => (c.DistrictCode, c.InstitutionCode, (long?)c.Managed, (long?)c.Archived)).ToList();
        var before = seen.GetProperty("before");
        Assert.Equal(expected, CityFigures(before.GetProperty("figures")));
        Assert.Contains(expected, c => c.InstitutionCode == "500103C01" && c.Item4 >= 1); // the deceased resident is archived
        var waiting = before.GetProperty("activity").EnumerateArray().Single(a => a.GetProperty("clinic").GetString() == "500103C02");
        Assert.Equal(1, waiting.GetProperty("transfersPending").GetInt64());

        // Assert: "Reconcile now" ran a complete, consistent run in the administrator's name, and the districts' figures now equal the city's.
        var after = seen.GetProperty("after");
        Assert.NotEqual(before.GetProperty("runId").ToString(), after.GetProperty("runId").GetString());
        Assert.Equal("Consistent", after.GetProperty("outcome").GetString());
        Assert.Equal(fixture.Administrator.User, after.GetProperty("by").GetString());
        Assert.Equal(counts.Where(c => c.InstitutionCode.Length == 0).Sum(c => c.Managed + c.Archived), after.GetProperty("recordsCompared").GetInt64());
        Assert.Equal(0, after.GetProperty("findings").GetInt64());
        Assert.InRange(after.GetProperty("historyRuns").GetInt32(), 1, 10);
        var rows = after.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(expected, CityFigures(after.GetProperty("figures")));
        Assert.All(rows, r =>
        {
            Assert.Equal(r.GetProperty("cityManaged").GetInt64(), r.GetProperty("districtManaged").GetInt64());
            Assert.Equal(r.GetProperty("cityArchived").GetInt64(), r.GetProperty("districtArchived").GetInt64());
            Assert.Empty(r.GetProperty("highlighted").EnumerateArray());
            Assert.StartsWith("✓ matched", r.GetProperty("matched").GetString());
        });
        AssertPng(screenshot);
    }

    [Fact]
    public async Task Dashboard_HighlightsADistrictIndexThatDiffers_AndRepairFindingsMakesItConsistent()
    {
        // R-CN-2: a record deleted behind the district node's back shows as a finding and a highlighted figure; the repair restores it.
        // Arrange
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var enrolled = new List<MasterIndexEntry>();
        for (var i = 0; i < 3; i++)
            enrolled.Add(await EnrollAsync("500105C02", "500105002001"));
        await fixture.BothTiersAgreeAsync(city);
        var dropped = enrolled[1].RecordNumber;
        var districtDb = Path.Combine(fixture.Federation.DataRoot, "district-500105", "district.db");
        // Through the storage layer's own connection: the index's digest triggers call its SQL functions.
        await using (var database = new SqliteDatabase(districtDb))
        await using (var connection = await database.OpenAsync())
        {
            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM district_records WHERE record_number = '{dropped}'";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        var screenshot = DashboardFederationFixture.Screenshot("dashboard-differences.png");

        // Act
        var seen = await BrowserScript.RunAsync("repair", fixture.DashboardUrl, fixture.Administrator, screenshot);

        // Assert: the run names the record, and the clinic's and the district's managed figures are highlighted, one short.
        var found = seen.GetProperty("found");
        Assert.Equal("DifferencesFound", found.GetProperty("outcome").GetString());
        var finding = Assert.Single(found.GetProperty("findings").EnumerateArray());
        Assert.Equal(dropped, finding.GetProperty("record").GetString());
        Assert.Equal("no", finding.GetProperty("repaired").GetString());
        foreach (var clinic in new[] { "500105C02", "" })
        {
            var row = Row(found.GetProperty("figures"), "500105", clinic);
            Assert.Equal(row.GetProperty("cityManaged").GetInt64() - 1, row.GetProperty("districtManaged").GetInt64());
            Assert.Equal(["district-managed"], row.GetProperty("highlighted").EnumerateArray().Select(h => h.GetString()));
            Assert.StartsWith("✗ differed", row.GetProperty("matched").GetString());
        }
        Assert.Empty(Row(found.GetProperty("figures"), "500105", "500105C01").GetProperty("highlighted").EnumerateArray());

        // Assert: the repair is logged against the finding, and the next run is consistent with nothing highlighted.
        Assert.StartsWith("1 repair", seen.GetProperty("flash").GetString());
        Assert.All(seen.GetProperty("repairedFindings").EnumerateArray(), r => Assert.StartsWith("repaired", r.GetString()));
        var clean = seen.GetProperty("clean");
        Assert.Equal("Consistent", clean.GetProperty("outcome").GetString());
        Assert.All(clean.GetProperty("figures").EnumerateArray(), r => Assert.Empty(r.GetProperty("highlighted").EnumerateArray()));
        var repairedRow = Row(clean.GetProperty("figures"), "500105", "500105C02");
        Assert.Equal(repairedRow.GetProperty("cityManaged").GetInt64(), repairedRow.GetProperty("districtManaged").GetInt64());
        AssertPng(screenshot);
    }

    [Fact]
    public async Task Dashboard_AfterARunOfOneDistrict_ShowsEachDistrictAsItsOwnLastRunReportedIt()
    {
        // R-CN-2: a run of 500105 alone leaves the other districts' figures from the run that last compared them.
        // Arrange
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var calls = ReconciliationCalls.As(city, fixture.Administrator);
        var all = await calls.RunAsync();
        await EnrollAsync("500105C01", "500105001001");
        await fixture.BothTiersAgreeAsync(city);
        var one = await calls.RunAsync("500105");
        using var session = new DashboardSession(fixture.DashboardUrl);
        Assert.Equal(HttpStatusCode.Found, (await session.SignInAsync(fixture.Administrator.User, fixture.Administrator.Password)).StatusCode);

        // Act
        using var figures = JsonDocument.Parse(await (await session.GetAsync("/api/figures")).Content.ReadAsStringAsync());

        // Assert
        var rows = figures.RootElement.GetProperty("counts").EnumerateArray().ToList();
        long ReportedAt(string district, string clinic) => rows
            .Single(r => r.GetProperty("districtCode").GetString() == district && r.GetProperty("institutionCode").GetString() == clinic)
            .GetProperty("reported").GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds();
        Assert.Equal(Ms(all), ReportedAt("500103", ""));
        Assert.Equal(Ms(all), ReportedAt("500106", "500106C01"));
        Assert.Equal(Ms(one), ReportedAt("500105", ""));
        Assert.Equal(Ms(one), ReportedAt("500105", "500105C01"));
        Assert.All(rows, r => Assert.Equal(r.GetProperty("city").GetProperty("managed").GetInt64(),
            r.GetProperty("reported").GetProperty("figures").GetProperty("managed").GetInt64()));
    }

    // Runs are stored to the millisecond; the answer to RunReconciliation carries the clock's finer reading.
    private static long Ms(Contracts.City.V1.Reconciliation run) => run.StartedAt.ToDateTimeOffset().ToUnixTimeMilliseconds();

    private async Task<MasterIndexEntry> EnrollAsync(string institution, string committee)
    {
        using var clinic = fixture.Clinic(institution);
        return await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(640_000 + Interlocked.Increment(ref _next)), institution, committee));
    }

    private static List<(string, string, long?, long?)> CityFigures(JsonElement figures) => figures.EnumerateArray()
        .Select(r => (r.GetProperty("district").GetString()!, r.GetProperty("clinic").GetString()!,
            (long?)r.GetProperty("cityManaged").GetInt64(), (long?)r.GetProperty("cityArchived").GetInt64()))
        .ToList();

    private static JsonElement Row(JsonElement figures, string district, string clinic) => figures.EnumerateArray()
        .Single(r => r.GetProperty("district").GetString() == district && r.GetProperty("clinic").GetString() == clinic);

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"no screenshot at {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"the screenshot is only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }
}
