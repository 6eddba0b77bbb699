using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class RekeyDeciderTests
{
    private static readonly DateOnly Birthday = new(2025, 2, 1);
    private static readonly string ChildId = IdNumber(Birthday, Sex.Female);

    private static RecordState Newborn(IdentityKey? key = null, Sex sex = Sex.Female) =>
        Record(First, key ?? NewbornKey(), Profile(name: "李小宝", sex: sex, born: Birthday, phone: null, address: null, registered: null));

    private static RekeyIdentity Command(string id, string consent = "监护人李某签字同意") => new("k-1", Clinic, "王护士", consent, id);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rekey_NewbornKey_BecomesTheIdNumber(bool byCertificate)
    {
        // R-ID-3: mother key or birth certificate → the child's ID number
        var record = Newborn(byCertificate ? CertificateKey() : null);

        var decision = Assert.IsType<RekeyDecision.Rekeyed>(RekeyDecider.Decide(record, Command(ChildId), enrolledUnderId: null, Now));
        var rekeyed = record.ApplyAll(decision.Events);

        Assert.Equal("id:" + ChildId, rekeyed.Identity.Value);
        Assert.Equal(record.Identity.Value, Assert.IsType<IdentityRekeyed>(Assert.Single(decision.Events)).FormerIdentityKey);
        Assert.True(rekeyed.HasApplied("k-1"));
        Assert.Empty(Assert.IsType<RekeyDecision.Rekeyed>(RekeyDecider.Decide(rekeyed, Command(ChildId), null, Now)).Events);
    }

    [Fact]
    public void Rekey_IdAlreadyEnrolled_GoesToTheMergeQueueWithThePair()
    {
        // R-ID-3: not a failure: the two records are one child (R-MG)
        var other = Record(Second, IdentityKey.Parse("id:" + ChildId), Profile(name: "李小宝", sex: Sex.Female, born: Birthday), enrolledAt: Now.AddDays(-3));

        var decision = Assert.IsType<RekeyDecision.ToMergeQueue>(RekeyDecider.Decide(Newborn(), Command(ChildId), other, Now));

        Assert.Equal(RecordPair.Of(First, Second), decision.Candidate.Pair);
        Assert.Equal(DuplicateLikelihood.Exact, decision.Candidate.Match.Likelihood);
    }

    [Fact]
    public void Rekey_IdEncodingAnotherBirthDate_IsRefused()
    {
        // R-ID-3: the ID number encodes the birth date, which must be the record's
        var e = Assert.Throws<DomainValidationException>(() =>
            RekeyDecider.Decide(Newborn(), Command(IdNumber(Birthday.AddDays(1), Sex.Female)), null, Now));

        Assert.Equal(RekeyDecider.IdNumberField, Assert.Single(e.Violations).Field);
        Assert.Contains("2025-02-02", e.Violations[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Rekey_IdEncodingAnotherSex_IsRefused()
    {
        // R-ID-3: the 17th digit encodes the sex
        var e = Assert.Throws<DomainValidationException>(() => RekeyDecider.Decide(Newborn(), Command(IdNumber(Birthday, Sex.Male)), null, Now));

        Assert.Contains("Male", Assert.Single(e.Violations).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Rekey_InvalidCheckDigitOrNoConsent_IsRefusedFieldByField()
    {
        // R-ID-2 (check digit), R-ID-6 (consent recorded)
        var wrongCheck = ChildId[..17] + (ChildId[17] == '0' ? '1' : '0');

        var e = Assert.Throws<DomainValidationException>(() => RekeyDecider.Decide(Newborn(), Command(wrongCheck, consent: " "), null, Now));

        Assert.Equal(["consent", RekeyDecider.IdNumberField], e.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Rekey_RecordAlreadyKeyedByIdNumber_IsRefused()
    {
        // R-ID-3: only a newborn's key is replaced
        var e = Assert.Throws<DomainRuleViolation>(() =>
            RekeyDecider.Decide(Newborn(IdentityKey.Parse("id:" + ChildId)), Command(IdNumber(Birthday, Sex.Female, serial: 3)), null, Now));

        Assert.Equal("R-ID-3", e.RuleId);
    }

    [Fact]
    public void Rekey_ByAnotherClinic_IsRefused()
    {
        // R-ID-6: identity fields are the owner's to change
        var e = Assert.Throws<DomainRuleViolation>(() => RekeyDecider.Decide(Newborn(), Command(ChildId) with { InstitutionCode = OtherClinic }, null, Now));

        Assert.Equal("R-ID-6", e.RuleId);
    }
}
