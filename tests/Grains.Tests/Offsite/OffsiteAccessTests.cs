using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Transfers;
using HealthRecords.Grains.Validation;
using HealthRecords.Grains.Tests.Records;

namespace HealthRecords.Grains.Tests.Offsite;

public sealed class OffsiteAccessTests
{
    private static readonly PolicyProfile Policy = PolicyProfiles.Chongqing;
    private static readonly ResidentAuthorization Signed = new(ConsentMethod.SignedOnSite, "授权书 118");

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
    public void OffsiteSummary_OfNonKeyPopulationResident_WithAuthorization_IsAllowed()
    {
        // R-OS-2
        var decision = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [], Signed, null, Policy);

        Assert.Equal(AccessBasis.ResidentAuthorization, decision.Basis);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void OffsiteService_IsForResidentsLivingHereLessThanThePolicysMonths(int months, bool allowed)
    {
        // R-OS-1: six months (CQ-A1 5(1)) from the policy profile
        var decision = OffsiteAccess.Decide("500105C01", TestData.Enrolled(), [KeyPopulation.Elderly], Signed, months, Policy);

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
        Assert.Equal(Signed, OffsiteAccess.Validate(1, " 授权书 118 ", given: true));
    }
}
