using HealthRecords.Grains.Access;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Research;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Research;

/// <summary>R-AC-4: a research export is approved by another city administrator before its requester downloads it; never for commercial use.</summary>
public sealed class ResearchExportDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Principal Researcher = new("re-zhou", Principal.CityInstitution, Role.Researcher);
    private static readonly Principal Administrator = new("ca-sun", Principal.CityInstitution, Role.CityAdministrator);
    private static readonly ResearchExportScope AllDistricts = new([], null, null);

    private static bool IsDistrict(string code) => code is "500103" or "500105";

    private static ResearchExport Requested(Principal? by = null) => ResearchExport.From(
        ResearchExportDecider.Request(by ?? Researcher, "rx-1", "req-1", "高血压管理效果研究", ResearchUse.AcademicResearch, AllDistricts, IsDistrict, Now));

    [Fact]
    public void Request_ForResearch_IsRequested()
    {
        // R-AC-4
        var scope = new ResearchExportScope(["500103"], new DateOnly(2020, 1, 1), new DateOnly(2026, 12, 31));

        var e = ResearchExportDecider.Request(Researcher, "rx-1", " req-1 ", " 慢病研究 ", ResearchUse.PublicHealth, scope, IsDistrict, Now);

        Assert.Equal(new ResearchExportRequested("rx-1", "req-1", "re-zhou", "慢病研究", ResearchUse.PublicHealth, scope, Now), e);
        Assert.Equal(ResearchExportState.Requested, ResearchExport.From(e).State);
    }

    [Fact]
    public void Request_ForCommercialUse_IsRefused()
    {
        // R-AC-4 (GD art. 40)
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            ResearchExportDecider.Request(Researcher, "rx-1", "req-1", "药品市场分析", ResearchUse.Commercial, AllDistricts, IsDistrict, Now));

        Assert.Equal("R-AC-4", refusal.RuleId);
        Assert.Contains("GD art. 40", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_WithoutPurposeOrUse_OrWithAnUnknownDistrictOrBackwardsPeriod_NamesEachField()
    {
        // R-AC-4
        var scope = new ResearchExportScope(["500103", "999999"], new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1));

        var invalid = Assert.Throws<DomainValidationException>(() =>
            ResearchExportDecider.Request(Researcher, "rx-1", "", " ", null, scope, IsDistrict, Now));

        Assert.Equal(["request_id", "purpose", "intended_use", "scope.district_codes", "scope.enrolled_from"], invalid.Violations.Select(v => v.Field));
        Assert.Contains("999999", invalid.Violations[3].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ByTheRequester_IsRefused()
    {
        // R-AC-4: even a requester who is also a city administrator cannot approve their own export.
        var own = Requested(new Principal("ca-sun", Principal.CityInstitution, Role.Researcher));

        var refusal = Assert.Throws<DomainRuleViolation>(() => ResearchExportDecider.Decide(own, Administrator, true, "ok", Now));

        Assert.Equal("R-AC-4", refusal.RuleId);
    }

    [Fact]
    public void Decide_Approve_ThenRepeat_IsTheSameApproval_AndRefusingAfterwards_IsRefused()
    {
        // R-AC-4
        var export = Requested();

        var approved = export.Apply(ResearchExportDecider.Decide(export, Administrator, true, "伦理审查已通过", Now)!);
        var repeated = ResearchExportDecider.Decide(approved, Administrator, true, "伦理审查已通过", Now);
        var reversal = Assert.Throws<DomainRuleViolation>(() => ResearchExportDecider.Decide(approved, Administrator, false, "撤回", Now));

        Assert.Equal((ResearchExportState.Approved, "ca-sun", "伦理审查已通过"), (approved.State, approved.DecidedBy, approved.DecisionReason));
        Assert.Null(repeated);
        Assert.Equal("R-AC-4", reversal.RuleId);
    }

    [Fact]
    public void Decide_WithoutReason_NamesTheField()
    {
        // R-AC-4
        var invalid = Assert.Throws<DomainValidationException>(() => ResearchExportDecider.Decide(Requested(), Administrator, false, "", Now));

        Assert.Equal("reason", invalid.Violations.Single().Field);
    }

    [Fact]
    public void Download_BeforeApproval_IsRefused()
    {
        // R-AC-4
        var refusal = Assert.Throws<DomainRuleViolation>(() => ResearchExportDecider.CheckDownload(Requested(), Researcher));

        Assert.Equal("R-AC-4", refusal.RuleId);
    }

    [Fact]
    public void Download_AfterRefusal_IsRefused()
    {
        // R-AC-4
        var refused = Requested().Apply(new ResearchExportRefused("ca-sun", "目的不明", Now));

        Assert.Throws<DomainRuleViolation>(() => ResearchExportDecider.CheckDownload(refused, Researcher));
    }

    [Fact]
    public void Download_AfterApproval_IsForTheRequesterOnly()
    {
        // R-AC-4
        var approved = Requested().Apply(new ResearchExportApproved("ca-sun", "ok", Now));
        var colleague = new Principal("re-wu", Principal.CityInstitution, Role.Researcher);

        Assert.Null(ResearchExportDecider.CheckDownload(approved, Researcher));
        Assert.Equal("NOT_EXPORT_REQUESTER", ResearchExportDecider.CheckDownload(approved, colleague)?.Reason);
    }

    [Fact]
    public void View_IsForTheRequesterAndCityAdministrators()
    {
        // R-AC-4
        var export = Requested();

        Assert.Null(ResearchExportDecider.CheckView(export, Researcher));
        Assert.Null(ResearchExportDecider.CheckView(export, Administrator));
        Assert.NotNull(ResearchExportDecider.CheckView(export, new Principal("re-wu", Principal.CityInstitution, Role.Researcher)));
        Assert.NotNull(ResearchExportDecider.CheckView(export, new Principal("da-chen", "500103", Role.DistrictAdministrator)));
    }
}
