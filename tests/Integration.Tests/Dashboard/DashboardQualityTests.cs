using System.Text.RegularExpressions;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>R-CN-4 on the dashboard: the last city-wide data-quality report, per district and clinic.</summary>
public sealed partial class DashboardQualityTests(DashboardCityFixture fixture) : IClassFixture<DashboardCityFixture>
{
    [Fact]
    public async Task Dashboard_ShowsNoReportUntilOneIsComputed_ThenEachClinicsScoreAndCounts()
    {
        // R-CN-4
        using var session = new DashboardSession(fixture.DashboardUrl);
        await session.SignInAsync(fixture.Administrator.User, fixture.Administrator.Password);
        var before = await (await session.GetAsync("/")).Content.ReadAsStringAsync();
        using var channel = TestChannel.For(fixture.City.Address);
        await Feeds.EnrollAtCityAsync(channel, TestIdentities.CitizenId(830_003), "500103C01", "500103001001");
        var quality = new ServiceClient(channel, City.DataQualityReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DataQualityService"),
            () => ReconciliationCalls.ToMetadata(fixture.Administrator.Headers()));

        var report = await quality.UnaryAsync<City.GetQualityReportRequest, City.QualityReport>("GetQualityReport", new());
        var after = await (await session.GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("id=\"quality-none\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"quality-none\"", after, StringComparison.Ordinal);
        var clinic = Assert.Single(report.Clinics);
        var section = after[after.IndexOf("<section id=\"quality\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        var row = QualityRow().Matches(section).Single(m => m.Groups["clinic"].Value == "500103C01").Value;
        Assert.Contains($"data-figure=\"quality-records\">{clinic.Figures.RecordsOwned}<", row, StringComparison.Ordinal);
        Assert.Contains($"data-figure=\"quality-missing-field\">{clinic.Figures.Findings.MissingField}<", row, StringComparison.Ordinal);
        Assert.Contains($"data-figure=\"quality-score\">{clinic.Figures.Score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}<", row, StringComparison.Ordinal);
        Assert.True(clinic.Figures.Findings.MissingField > 0, "the test resident has no registered address or responsible doctor");
        Assert.Contains("data-clinic=\"500106C03\"", section, StringComparison.Ordinal); // every clinic of the topology, zeros included
    }

    [GeneratedRegex("""<tr class="clinic" data-district="\d+" data-clinic="(?<clinic>[^"]+)">.*?</tr>""", RegexOptions.Singleline)]
    private static partial Regex QualityRow();
}
