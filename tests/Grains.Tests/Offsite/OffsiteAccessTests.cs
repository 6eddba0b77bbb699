using GrainAccess = HealthRecords.Grains.Access;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Transfers;
using HealthRecords.Grains.Validation;
using HealthRecords.Grains.Tests.Records;

namespace HealthRecords.Grains.Tests.Offsite;

public sealed class OffsiteAccessTests
{
    private static readonly PolicyProfile Policy = PolicyProfiles.Chongqing;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The grant the city gives dr-he of 500105C01 once the resident's code is confirmed.</summary>
    private static GrainAccess.AccessGrant CodeGrant(string institution = "500105C01", GrainAccess.AccessBasis basis = GrainAccess.AccessBasis.ResidentAuthorization) =>
        new("ag-1", basis, TestData.Enrolled().Number.Value, institution, "dr-he", "门诊", Now.AddMinutes(-1), Now.AddHours(8));

    [Fact]
    public void OwningClinic_IsAlwaysAllowed()
    {
        // R-OS-2: the owner manages its own record
        var decision = OffsiteAccess.Decide("500103C01", TestData.Enrolled(), [], null, monthsResidentHere: 12, Policy);

        Assert.Equal(AccessBasis.OwningClinic, decision.Basis);
        Assert.Equal("owning_clinic", decision.AuditBasis);
    }

    [Fact]
    public void OffsiteSummary_OfKeyPopulationResident_IsAllowedWithoutAuthorization()
    {
        // R-OS-1
        var decision = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [KeyPopulation.Diabetes], null, null, Policy);

        Assert.True(decision.Allowed);
        Assert.Equal(AccessBasis.KeyPopulation, decision.Basis);
    }

    [Fact]
    public void OffsiteSummary_OfNonKeyPopulationResident_WithoutAuthorization_IsRefusedUnderROS2()
    {
        // R-OS-2
        var decision = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [], null, null, Policy);

        Assert.False(decision.Allowed);
        Assert.Equal("R-OS-2", decision.DeniedUnder);
        Assert.Equal("R-OS-2", decision.AuditBasis);
        Assert.Contains("authorization", decision.DenialReason, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsiteSummary_OfNonKeyPopulationResident_WithAVerifiedResidentAuthorization_IsAllowed()
    {
        // R-OS-2, R-AC-2: the resident's code, confirmed at the city, gave this clinic's user a grant
        var decision = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [], CodeGrant(), null, Policy);

        Assert.Equal(AccessBasis.ResidentAuthorization, decision.Basis);
    }

    [Fact]
    public void OffsiteSummary_WithAGrantOfAnotherClinic_OrAnEmergencyGrant_IsRefusedUnderROS2()
    {
        // R-OS-2: only a resident's authorization for the serving clinic counts; an emergency grant is for reading the record, not off-site service
        var otherClinics = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [], CodeGrant("500105C02"), null, Policy);
        var emergency = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [], CodeGrant(basis: GrainAccess.AccessBasis.Emergency), null, Policy);

        Assert.Equal(("R-OS-2", "R-OS-2"), (otherClinics.DeniedUnder, emergency.DeniedUnder));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void OffsiteService_IsForResidentsLivingHereLessThanThePolicysMonths(int months, bool allowed)
    {
        // R-OS-1: six months (CQ-A1 5(1)) from the policy profile
        var decision = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [KeyPopulation.Elderly], CodeGrant(), months, Policy);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed ? null : "R-OS-1", decision.DeniedUnder);
    }

    [Fact]
    public void Authorization_WithoutMethodOrEvidence_IsInvalidNamingBothFields()
    {
        // R-OS-2: an authorization says how it was given and what proves it
        var e = Assert.Throws<DomainValidationException>(() => OffsiteAccess.Validate(0, " ", given: true));

        Assert.Equal(["authorization.method", "authorization.evidence"], e.Violations.Select(v => v.Field));
        Assert.Null(OffsiteAccess.Validate(0, null, given: false));
        Assert.Equal(new ResidentAuthorization(ConsentMethod.SignedOnSite, "授权书 118"), OffsiteAccess.Validate(1, " 授权书 118 ", given: true));
    }
}
