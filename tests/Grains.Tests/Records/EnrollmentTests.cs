using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Records;

public sealed class EnrollmentTests
{
    [Fact]
    public void Enrollment_OfUnknownIdentity_EnrollsWithTheCommitteePrefixedNumber()
    {
        // R-ID-5 (not enrolled → enroll here), R-ID-4
        // Arrange
        var command = TestData.Input().Validate(TestData.Topology, TestData.Today);

        // Act
        var decision = RecordDecider.DecideEnrollment(command, existing: null);

        // Assert
        var enroll = Assert.IsType<EnrollmentDecision.Enroll>(decision);
        var e = enroll.EventFor(RecordNumber.Create(command.ResidenceCommittee, 7), TestData.Now);
        Assert.Equal("50010300100100007", e.RecordNumber);
        Assert.Equal("500103C01", e.InstitutionCode);
        Assert.Equal("500103", e.DistrictCode);
        Assert.Equal(TestData.Now, e.OccurredAt);
    }

    [Fact]
    public void Enrollment_OfEnrolledIdentity_IsAlreadyEnrolled_NamingTheRecord()
    {
        // R-ID-1, R-ID-5: no second record; the caller is told the existing one.
        var existing = TestData.Enrolled(requestId: "first", owner: "500103C02");
        var command = TestData.Input(requestId: "second").Validate(TestData.Topology, TestData.Today);

        var decision = RecordDecider.DecideEnrollment(command, existing);

        var known = Assert.IsType<EnrollmentDecision.Known>(decision);
        var already = Assert.IsType<EnrollmentOutcome.AlreadyEnrolled>(known.Outcome);
        Assert.Equal(existing.Number, already.Record.Number);
        Assert.Equal("500103C02", already.Record.OwnerInstitution);
    }

    [Fact]
    public void Enrollment_RetriedWithSameRequestId_IsReplayed_NotRefused()
    {
        // R-ID-5: a retry after a lost answer gets the same record back.
        var existing = TestData.Enrolled(requestId: "req-1");
        var command = TestData.Input(requestId: "req-1").Validate(TestData.Topology, TestData.Today);

        var known = Assert.IsType<EnrollmentDecision.Known>(RecordDecider.DecideEnrollment(command, existing));

        Assert.IsType<EnrollmentOutcome.Replayed>(known.Outcome);
    }

    [Fact]
    public void Enrollment_TakesSexAndBirthDateFromTheIdNumber()
    {
        // R-ID-2: 440308199901101512 → born 1999-01-10, 17th digit 1 → male.
        var command = TestData.Input().Validate(TestData.Topology, TestData.Today);

        Assert.Equal(Sex.Male, command.Profile.Sex);
        Assert.Equal(new DateOnly(1999, 1, 10), command.Profile.DateOfBirth);
    }

    [Fact]
    public void Enrollment_ContradictingTheIdNumber_IsRejectedNamingTheFields()
    {
        // R-ID-2: the ID number carries sex and birth date; a profile that disagrees is an error.
        var input = TestData.Input(profile: TestData.Profile(sex: Sex.Female, born: new DateOnly(1999, 1, 11)));

        var error = Assert.Throws<DomainValidationException>(() => input.Validate(TestData.Topology, TestData.Today));

        Assert.Contains(error.Violations, v => v.Field == "profile.sex");
        Assert.Contains(error.Violations, v => v.Field == "profile.date_of_birth");
    }

    [Fact]
    public void Enrollment_WithInvalidIdentityAndFields_ReportsEveryFieldAtOnce()
    {
        // R-ID-2 (check digit), R-ID-4 (committee of this city), R-RC-1 (name)
        var input = TestData.Input(citizenId: "440308199901101513", committee: "510104001001", profile: TestData.Profile(name: " "))
            with { EnrolledBy = "" };

        var error = Assert.Throws<DomainValidationException>(() => input.Validate(TestData.Topology, TestData.Today));

        Assert.Equal(
            ["enrolled_by", "identity.citizen_id_number", "profile.name", "residence_committee_code"],
            error.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Enrollment_ByUnknownInstitution_IsRejected()
    {
        var input = TestData.Input(institution: "999999C99");

        var error = Assert.Throws<DomainValidationException>(() => input.Validate(TestData.Topology, TestData.Today));

        Assert.Equal("enrolling_institution_code", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Enrollment_OfNewbornWithoutDocuments_UsesTheMothersKey()
    {
        // R-ID-2: mother's ID + parity + birth order; a multiple birth needs the child's name.
        var twin = TestData.Input() with
        {
            Identity = new IdentityInput(null, null, null, new NewbornInput("440308199901101512", 1, 2, true, "王小二")),
            Profile = TestData.Profile(name: "王小二", born: new DateOnly(2026, 11, 20)),
        };
        var nameless = twin with { Identity = new IdentityInput(null, null, null, new NewbornInput("440308199901101512", 1, 2, true, null)) };

        var command = twin.Validate(TestData.Topology, TestData.Today);
        var error = Assert.Throws<DomainValidationException>(() => nameless.Validate(TestData.Topology, TestData.Today));

        Assert.Equal(IdentityKind.NewbornOfMother, command.Identity.Kind);
        Assert.Equal(new DateOnly(2026, 11, 20), command.Profile.DateOfBirth);
        Assert.Contains(error.Violations, v => v.Field == "identity.newborn.name");
    }
}
