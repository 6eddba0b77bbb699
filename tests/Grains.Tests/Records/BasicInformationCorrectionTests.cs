using System.Text.Json;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Records;

public sealed class BasicInformationCorrectionTests
{
    private static readonly DateOnly Birthday = new(2025, 2, 1);

    private static RecordState Newborn(RecordStatus status = RecordStatus.Active) =>
        Record(First, CertificateKey(), Profile(name: "李小宝", sex: Sex.Female, born: Birthday), status: status);

    private static CorrectBasicInformation Correct(string? name = null, Sex? sex = null, DateOnly? born = null,
        string consent = "监护人李某现场签字同意", string institution = Clinic, string requestId = "c-1") =>
        new(requestId, institution, "王护士", consent, name, sex, born);

    [Fact]
    public void CorrectBasicInformation_ByOwningClinicWithConsent_ChangesTheFields_AndKeepsTheFormerValues()
    {
        // R-ID-6
        var record = Newborn();

        var events = BasicInformationDecider.Decide(record, Correct(born: Birthday.AddDays(1), sex: Sex.Male), Now);
        var corrected = record.ApplyAll(events);

        var e = Assert.IsType<BasicInformationCorrected>(Assert.Single(events));
        Assert.Equal((Birthday.AddDays(1), Sex.Male, (string?)null), (e.DateOfBirth, e.Sex, e.Name));
        Assert.Equal((Birthday, Sex.Female, (string?)null), (e.FormerDateOfBirth, e.FormerSex, e.FormerName));
        Assert.Equal("监护人李某现场签字同意", e.Consent);
        Assert.Equal((Birthday.AddDays(1), Sex.Male, "李小宝"), (corrected.Profile.DateOfBirth, corrected.Profile.Sex, corrected.Profile.Name));
        Assert.Equal(record.Profile.Phone, corrected.Profile.Phone);
        Assert.Equal((record.Version + 1, Now), (corrected.Version, corrected.UpdatedAt));
    }

    [Fact]
    public void CorrectBasicInformation_Repeated_ChangesNothing()
    {
        // R-ID-6: a retried request id decides nothing new
        var record = Newborn();
        var once = record.ApplyAll(BasicInformationDecider.Decide(record, Correct(name: "李小宝宝"), Now));

        Assert.Empty(BasicInformationDecider.Decide(once, Correct(name: "李大宝"), Now));
        Assert.Equal("李小宝宝", once.Profile.Name);
    }

    [Fact]
    public void CorrectBasicInformation_ToTheValuesTheRecordHas_ChangesNothing()
    {
        // R-ID-6
        Assert.Empty(BasicInformationDecider.Decide(Newborn(), Correct(name: "李小宝", born: Birthday), Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void CorrectBasicInformation_WithoutConsent_IsRefused(string consent)
    {
        // R-ID-6: identity fields change only with the resident's or guardian's consent, recorded
        var e = Assert.Throws<DomainValidationException>(() =>
            BasicInformationDecider.Decide(Newborn(), Correct(born: Birthday.AddDays(1), consent: consent), Now));

        var violation = Assert.Single(e.Violations);
        Assert.Equal("consent", violation.Field);
        Assert.Contains("R-ID-6", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrectBasicInformation_ByAnotherClinic_IsRefused()
    {
        // R-ID-6: only the owning clinic
        var e = Assert.Throws<DomainRuleViolation>(() =>
            BasicInformationDecider.Decide(Newborn(), Correct(born: Birthday.AddDays(1), institution: OtherClinic), Now));

        Assert.Equal(("R-ID-6", First), (e.RuleId, e.Subject));
    }

    [Theory]
    [InlineData(RecordStatus.Deceased)]
    [InlineData(RecordStatus.Merged)]
    public void CorrectBasicInformation_OfArchivedOrMergedRecord_IsRefused(RecordStatus status)
    {
        // R-ST-1: archived (and merged-away) records take no updates
        var e = Assert.Throws<DomainRuleViolation>(() => BasicInformationDecider.Decide(Newborn(status), Correct(name: "李大宝"), Now));

        Assert.Equal("R-ST-1", e.RuleId);
    }

    [Fact]
    public void CorrectBasicInformation_WithNoField_IsRefusedNamingTheField()
    {
        // R-ID-6: a correction changes at least one identity field
        var e = Assert.Throws<DomainValidationException>(() => BasicInformationDecider.Decide(Newborn(), Correct(), Now));

        Assert.Equal("name", Assert.Single(e.Violations).Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void CorrectBasicInformation_DateOfBirthInTheFutureOrTooEarly_IsRefusedNamingTheField(int direction)
    {
        // R-ID-6, R-ID-2: a date of birth not in the future and not before GB 11643's earliest
        var born = direction > 0 ? DateOnly.FromDateTime(Now.Date).AddDays(1) : CitizenIdNumber.EarliestBirthDate.AddDays(-1);

        var e = Assert.Throws<DomainValidationException>(() => BasicInformationDecider.Decide(Newborn(), Correct(born: born), Now));

        Assert.Equal("date_of_birth", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void CorrectBasicInformation_InvalidNameOrSex_IsRefusedNamingTheFields()
    {
        // R-ID-6: placeholders are not corrections
        var e = Assert.Throws<DomainValidationException>(() =>
            BasicInformationDecider.Decide(Newborn(), Correct(name: "不详", sex: Sex.Unspecified), Now));

        Assert.Equal(["name", "sex"], e.Violations.Select(v => v.Field));
    }

    [Fact]
    public void CorrectBasicInformation_OfIdKeyedRecord_MustAgreeWithTheNumber()
    {
        // R-ID-2: the ID number encodes the birth date and the sex
        var record = Record(First, IdKey(Born, Sex.Male), Profile(sex: Sex.Male, born: Born));

        var e = Assert.Throws<DomainValidationException>(() =>
            BasicInformationDecider.Decide(record, Correct(sex: Sex.Female, born: Born.AddDays(1)), Now));
        var renamed = BasicInformationDecider.Decide(record, Correct(name: "张叁", sex: Sex.Male, born: Born), Now);

        Assert.Equal(["date_of_birth", "sex"], e.Violations.Select(v => v.Field));
        Assert.All(e.Violations, v => Assert.Contains("R-ID-2", v.Description, StringComparison.Ordinal));
        Assert.Equal("张叁", Assert.IsType<BasicInformationCorrected>(Assert.Single(renamed)).Name);
    }

    [Fact]
    public void Correction_IsInTheHistory_WithWhatChanged_AndRoundTripsThroughJson()
    {
        // R-ID-6, R-ST-7: the history shows what changed and who consented; the journal keeps the event
        var record = Newborn();
        var enrolled = new ResidentEnrolled(Now.AddDays(-10), record.Number.Value, record.Identity.Value, Clinic, "500103", "王护士", "e-1", record.Profile);
        var corrected = Assert.Single(BasicInformationDecider.Decide(record, Correct(born: Birthday.AddDays(1)), Now));

        var entry = RecordHistory.Of([enrolled, corrected])[^1];
        var json = JsonSerializer.Serialize<RecordEvent>(corrected, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(("basic_information_corrected", Clinic, 2L), (entry.Change, entry.FiledBy, entry.Version));
        Assert.Contains("date of birth 2025-02-01 → 2025-02-02", entry.Reason, StringComparison.Ordinal);
        Assert.Contains("监护人李某现场签字同意", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(corrected, JsonSerializer.Deserialize<RecordEvent>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.Equal("c-1", RecordEvent.RequestIdOf(corrected));
    }
}
