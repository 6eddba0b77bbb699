using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class HomepageActivityTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    [Fact]
    public void Homepage_Activities_AreNewestFirstThenByUploadId()
    {
        // R-RC-2: a time-ordered list; equal dates ordered by upload id for stability
        var services = new[]
        {
            Record("b", date: new DateOnly(2025, 1, 1)),
            Record("z", date: new DateOnly(2024, 6, 1)),
            Record("a", date: new DateOnly(2025, 1, 1)),
            Record("c", date: new DateOnly(2026, 2, 1), institution: "500103C02"),
        };

        var homepage = HomepageDerivation.Derive(ActiveAdult, Sex.Female, services, Today);

        Assert.Equal(
            [new DateOnly(2026, 2, 1), new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1), new DateOnly(2024, 6, 1)],
            homepage.Activities.Select(a => a.Date));
        Assert.Equal("500103C02", homepage.Activities[0].InstitutionCode);
        Assert.Equal(new DateOnly(2026, 2, 1), homepage.LastServiceDate);
    }

    [Fact]
    public void Homepage_EqualDates_OrderDoesNotDependOnInput()
    {
        // R-RC-2: the same services in another order give the same homepage
        var a = Record("a", date: Today);
        var b = Record("b", date: Today, measurements: Measure(("blood_type", "A")));

        var first = HomepageDerivation.Derive(ActiveAdult, Sex.Female, [a, b], Today);
        var second = HomepageDerivation.Derive(ActiveAdult, Sex.Female, [b, a], Today);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Homepage_Activity_CarriesTheServiceContent()
    {
        // R-RC-2: time, institution, type, main problems, report, cost (and the R-RC-4 late flag)
        var service = Record(kind: ServiceKind.HypertensionFollowUp) with { Late = true, CostFen = 2300 };

        var activity = Assert.Single(HomepageDerivation.Derive(ActiveAdult, Sex.Female, [service], Today).Activities);

        Assert.Equal(new ServiceActivity(service.ServiceDate, Clinic, ServiceKind.HypertensionFollowUp, ["高血压"], "复诊", 2300, Late: true), activity);
    }

    [Fact]
    public void Homepage_SameUploadTwice_IsListedOnce()
    {
        // R-RC-2: a re-sent upload is one service
        var service = Record("up-1");

        var homepage = HomepageDerivation.Derive(ActiveAdult, Sex.Female, [service, service with { }], Today);

        Assert.Single(homepage.Activities);
    }
}
