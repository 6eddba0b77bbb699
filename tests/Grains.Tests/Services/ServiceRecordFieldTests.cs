using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Validation;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class ServiceRecordFieldTests
{
    private static DomainValidationException Reject(ServiceRecordInput input, ResidentFacts? resident = null) =>
        Assert.Throws<DomainValidationException>(() =>
            ServiceRecordRules.Accept(input, resident ?? ActiveAdult, PolicyProfiles.Chongqing, ReceivedAt));

    private static ServiceRecord AcceptInput(ServiceRecordInput input, ResidentFacts? resident = null) =>
        ServiceRecordRules.Accept(input, resident ?? ActiveAdult, PolicyProfiles.Chongqing, ReceivedAt);

    [Fact]
    public void Service_ValidInput_IsAcceptedWithAllFields()
    {
        // R-RC-1
        var input = Input(measurements: Measure(("height_cm", "170"), ("weight_kg", "65.5")));

        var record = AcceptInput(input);

        Assert.Equal("up-1", record.UploadId);
        Assert.Equal(TestRecordNumber, record.RecordNumber);
        Assert.Equal(ServiceKind.Visit, record.Kind);
        Assert.Equal(ReceivedOn, record.ServiceDate);
        Assert.Equal(Clinic, record.InstitutionCode);
        Assert.Equal("王医生", record.Staff);
        Assert.Equal(["高血压"], record.MainProblems);
        Assert.Equal(1500, record.CostFen);
        Assert.Equal("65.5", record.Measurements["weight_kg"]);
        Assert.Equal("复诊", record.Report);
        Assert.Equal(ReceivedAt, record.ReceivedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("中文")]
    [InlineData("a/b")]
    public void Service_InvalidUploadId_IsRejected(string uploadId)
    {
        // R-RC-1
        var input = Input(uploadId: uploadId);

        var error = Reject(input);

        Assert.Equal("upload_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_UploadIdOf65Chars_IsRejected()
    {
        // R-RC-1
        var input = Input(uploadId: new string('a', 65));

        var error = Reject(input);

        Assert.Equal("upload_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_UploadIdOf64AllowedChars_IsAccepted()
    {
        // R-RC-1
        var id = "Az09._:-" + new string('x', 56);

        var record = AcceptInput(Input(uploadId: id));

        Assert.Equal(id, record.UploadId);
    }

    [Fact]
    public void Service_InvalidRecordNumber_IsRejected()
    {
        // R-ID-4, R-RC-1
        var input = Input() with { RecordNumber = "123" };

        var error = Reject(input);

        Assert.Equal("record_number", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void Service_UndefinedKind_IsRejected(int kind)
    {
        // R-RC-1
        var input = Input() with { Kind = kind };

        var error = Reject(input);

        Assert.Equal("kind", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_MissingDate_IsRejected()
    {
        // R-RC-1
        var input = Input() with { ServiceDate = null };

        var error = Reject(input);

        Assert.Equal("service_date", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_DatedTomorrowInChina_IsRejected()
    {
        // R-RC-1: "today" is the China date of receipt
        var input = Input(date: ReceivedOn.AddDays(1));

        var error = Reject(input);

        Assert.Equal("service_date", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_DatedTodayInChinaWhileUtcIsYesterday_IsAccepted()
    {
        // R-RC-1: 2026-03-20 00:30 +08:00 is still 2026-03-19 in UTC
        var receivedAt = new DateTimeOffset(2026, 3, 19, 16, 30, 0, TimeSpan.Zero);

        var record = ServiceRecordRules.Accept(Input(date: ReceivedOn), ActiveAdult, PolicyProfiles.Chongqing, receivedAt);

        Assert.Equal(0, record.DaysAfterService);
    }

    [Fact]
    public void Service_DatedBeforeBirth_IsRejected()
    {
        // R-RC-1
        var input = Input(date: new DateOnly(1980, 4, 30));

        var error = Reject(input);

        Assert.Equal("service_date", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_DatedOnBirthDay_IsAccepted()
    {
        // R-RC-1
        var record = AcceptInput(Input(date: new DateOnly(1980, 5, 1)));

        Assert.Equal(new DateOnly(1980, 5, 1), record.ServiceDate);
    }

    [Fact]
    public void Service_DatedBefore1900_IsRejected()
    {
        // R-RC-1: birth date unknown, so only the 1900 floor applies
        var resident = new ResidentFacts(RecordStatus.Active, null, null);

        var error = Reject(Input(date: new DateOnly(1899, 12, 31)), resident);

        Assert.Equal("service_date", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Service_MissingInstitution_IsRejected(string institution)
    {
        // R-RC-1
        var error = Reject(Input(institution: institution));

        Assert.Equal("institution_code", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_MissingStaff_IsRejected()
    {
        // R-RC-1
        var error = Reject(Input(staff: " "));

        Assert.Equal("staff", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_StaffOf51Chars_IsRejected()
    {
        // R-RC-1
        var error = Reject(Input(staff: new string('医', 51)));

        Assert.Equal("staff", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_StaffOf50Chars_IsAccepted()
    {
        // R-RC-1
        var record = AcceptInput(Input(staff: new string('医', 50)));

        Assert.Equal(50, record.Staff.Length);
    }

    [Fact]
    public void Service_NegativeCost_IsRejected()
    {
        // R-RC-2: the homepage shows the cost
        var error = Reject(Input(costFen: -1));

        Assert.Equal("cost_fen", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_ZeroCost_IsAccepted()
    {
        // R-RC-2: free services cost nothing
        var record = AcceptInput(Input(costFen: 0));

        Assert.Equal(0, record.CostFen);
    }

    [Fact]
    public void Service_21MainProblems_IsRejected()
    {
        // R-RC-2
        var problems = Enumerable.Range(1, 21).Select(i => $"p{i}").ToArray();

        var error = Reject(Input(problems: problems));

        Assert.Equal("main_problems", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_20MainProblems_IsAccepted()
    {
        // R-RC-2
        var problems = Enumerable.Range(1, 20).Select(i => $"p{i}").ToArray();

        var record = AcceptInput(Input(problems: problems));

        Assert.Equal(20, record.MainProblems.Count);
    }

    [Fact]
    public void Service_MainProblemOf201Chars_IsRejectedWithItsIndex()
    {
        // R-RC-2
        var error = Reject(Input(problems: ["ok", new string('x', 201)]));

        Assert.Equal("main_problems[1]", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_51Measurements_IsRejected()
    {
        // R-RC-1
        var measurements = Enumerable.Range(1, 51).ToDictionary(i => $"m{i}", _ => "1");

        var error = Reject(Input(measurements: measurements));

        Assert.Equal("measurements", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("Height")]
    [InlineData("blood-type")]
    [InlineData("")]
    [InlineData("a_key_that_is_much_longer_than_forty_chars")]
    public void Service_InvalidMeasurementKey_IsRejected(string key)
    {
        // R-RC-1
        var error = Reject(Input(measurements: Measure((key, "1"))));

        Assert.Equal("measurements", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_MeasurementValueOf201Chars_IsRejected()
    {
        // R-RC-1
        var error = Reject(Input(measurements: Measure(("note", new string('x', 201)))));

        Assert.Equal("measurements.note", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("height_cm", "29.9")]
    [InlineData("height_cm", "250.1")]
    [InlineData("height_cm", "tall")]
    [InlineData("height_cm", "-170")]
    [InlineData("weight_kg", "0.9")]
    [InlineData("weight_kg", "400.5")]
    [InlineData("systolic_mmhg", "49")]
    [InlineData("systolic_mmhg", "301")]
    [InlineData("diastolic_mmhg", "19")]
    [InlineData("diastolic_mmhg", "201")]
    [InlineData("fasting_glucose_mmol", "0.4")]
    [InlineData("fasting_glucose_mmol", "50.1")]
    [InlineData("blood_type", "C")]
    [InlineData("blood_type", "a")]
    [InlineData("blood_type", "AB++")]
    [InlineData("annual_free_exam", "yes")]
    public void Service_KnownMeasurementOutOfRange_IsRejected(string key, string value)
    {
        // R-RC-1, R-RC-2: known measurements feed the homepage tags
        var error = Reject(Input(measurements: Measure((key, value))));

        Assert.Equal($"measurements.{key}", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("height_cm", "30")]
    [InlineData("height_cm", "250")]
    [InlineData("weight_kg", "1")]
    [InlineData("weight_kg", "400")]
    [InlineData("systolic_mmhg", "50")]
    [InlineData("systolic_mmhg", "300")]
    [InlineData("diastolic_mmhg", "20")]
    [InlineData("diastolic_mmhg", "200")]
    [InlineData("fasting_glucose_mmol", "0.5")]
    [InlineData("fasting_glucose_mmol", "50")]
    [InlineData("blood_type", "A")]
    [InlineData("blood_type", "AB+")]
    [InlineData("blood_type", "O-")]
    [InlineData("annual_free_exam", "true")]
    public void Service_KnownMeasurementAtLimit_IsAccepted(string key, string value)
    {
        // R-RC-1
        var record = AcceptInput(Input(measurements: Measure((key, value))));

        Assert.Equal(value, record.Measurements[key]);
    }

    [Fact]
    public void Service_SeveralInvalidFields_AreReportedTogether()
    {
        // R-RC-1: every invalid field in one answer
        var input = Input(uploadId: "", staff: "", costFen: -5) with { Kind = 99, ServiceDate = null };

        var error = Reject(input);

        Assert.Equal(["upload_id", "kind", "service_date", "staff", "cost_fen"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Service_ChildFollowUpForSevenYearOld_IsRejected()
    {
        // R-RC-1: child follow-ups are for children 0-6 (NAT 2(1))
        var child = new ResidentFacts(RecordStatus.Active, new DateOnly(2019, 3, 20), null);

        var error = Reject(Input(kind: ServiceKind.ChildFollowUp), child);

        Assert.Equal("kind", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Service_ChildFollowUpTheDayBeforeSeventhBirthday_IsAccepted()
    {
        // R-RC-1
        var child = new ResidentFacts(RecordStatus.Active, new DateOnly(2019, 3, 21), null);

        var record = AcceptInput(Input(kind: ServiceKind.ChildFollowUp), child);

        Assert.Equal(ServiceKind.ChildFollowUp, record.Kind);
    }

    [Fact]
    public void Service_ChildFollowUpWithUnknownBirthDate_IsAccepted()
    {
        // R-RC-1: unknown facts do not refuse a service
        var unknown = new ResidentFacts(RecordStatus.Active, null, null);

        var record = AcceptInput(Input(kind: ServiceKind.ChildFollowUp), unknown);

        Assert.Equal(ServiceKind.ChildFollowUp, record.Kind);
    }

    [Fact]
    public void Service_MaternalFollowUpForMale_IsRejected()
    {
        // R-RC-1
        var male = ActiveAdult with { Sex = Sex.Male };

        var error = Reject(Input(kind: ServiceKind.MaternalFollowUp), male);

        Assert.Equal("kind", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Unspecified)]
    public void Service_MaternalFollowUpForFemaleOrUnknownSex_IsAccepted(Sex sex)
    {
        // R-RC-1
        var record = AcceptInput(Input(kind: ServiceKind.MaternalFollowUp), ActiveAdult with { Sex = sex });

        Assert.Equal(ServiceKind.MaternalFollowUp, record.Kind);
    }
}
