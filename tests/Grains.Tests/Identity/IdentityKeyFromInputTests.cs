using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class IdentityKeyFromInputTests
{
    private static IdentityInput Citizen(string? text) => new(text, null, null, null);

    private static IdentityInput Permit(string? text) => new(null, text, null, null);

    private static IdentityInput Certificate(string? text) => new(null, null, text, null);

    private static IdentityInput Newborn(string? mother, int parity, int birthOrder, bool multiple = false, string? name = null) =>
        new(null, null, null, new NewbornInput(mother, parity, birthOrder, multiple, name));

    private static FieldViolation SingleViolation(IdentityInput input, DateOnly? today = null)
    {
        var exception = Assert.Throws<DomainValidationException>(() => IdentityKey.FromInput(input, today));
        return Assert.Single(exception.Violations);
    }

    [Fact]
    public void FromInput_CitizenId_GivesIdKeyWithBirthDateAndSex()
    {
        // R-ID-2
        var key = IdentityKey.FromInput(Citizen(IdVectors.ShenzhenMale1999));

        Assert.Equal(IdentityKind.CitizenId, key.Kind);
        Assert.Equal("id:440308199901101512", key.Value);
        Assert.Equal(new DateOnly(1999, 1, 10), key.BirthDate);
        Assert.Equal(Sex.Male, key.Sex);
        Assert.Equal("440308********1512", key.Display);
        Assert.Equal(key.Display, key.ToString());
    }

    [Fact]
    public void FromInput_CitizenIdWithLowerCaseXAndWhitespace_IsCanonicalised()
    {
        // R-ID-2
        var key = IdentityKey.FromInput(Citizen(" 11010519491231002x "));

        Assert.Equal("id:11010519491231002X", key.Value);
        Assert.Equal(IdentityKey.FromInput(Citizen(IdVectors.BeijingFemale1949)), key);
        Assert.Equal(IdentityKey.FromInput(Citizen(IdVectors.BeijingFemale1949)).GetHashCode(), key.GetHashCode());
    }

    [Theory]
    [InlineData(IdVectors.HongKongPermit)]
    [InlineData(IdVectors.MacaoPermit)]
    [InlineData(IdVectors.TaiwanPermit)]
    public void FromInput_ResidencePermit_SharesIdKeySpaceWithCitizenIds(string permit)
    {
        // R-ID-2: citizen ID and residence permit numbers are one GB 11643 number space
        var key = IdentityKey.FromInput(Permit(permit));

        Assert.Equal(IdentityKind.ResidencePermit, key.Kind);
        Assert.Equal("id:" + permit, key.Value);
        Assert.Equal(IdentityKey.For(CitizenIdNumber.Parse(permit)), key);
        Assert.Equal(key, IdentityKey.Parse("id:" + permit));
        Assert.Equal(IdentityKind.ResidencePermit, IdentityKey.Parse("id:" + permit).Kind);
    }

    [Fact]
    public void FromInput_PermitNumberAsCitizenId_IsRejectedOnCitizenIdField()
    {
        // R-ID-2
        var violation = SingleViolation(Citizen(IdVectors.HongKongPermit));

        Assert.Equal("identity.citizen_id_number", violation.Field);
        Assert.Contains("Hong Kong", violation.Description);
        Assert.Contains("residence_permit_number", violation.Description);
    }

    [Fact]
    public void FromInput_CitizenIdAsResidencePermit_IsRejectedOnPermitField()
    {
        // R-ID-2
        var violation = SingleViolation(Permit(IdVectors.ShenzhenMale1999));

        Assert.Equal("identity.residence_permit_number", violation.Field);
        Assert.Contains("810000 / 820000 / 830000", violation.Description);
    }

    [Fact]
    public void FromInput_ResidencePermitWithWrongCheckDigit_IsRejectedOnPermitField()
    {
        // R-ID-2: residence permits use the same check digit
        var violation = SingleViolation(Permit("810000199408230022"));

        Assert.Equal(new FieldViolation("identity.residence_permit_number", "check digit is 2, expected 1"), violation);
    }

    [Fact]
    public void FromInput_InvalidCitizenId_IsRejectedOnCitizenIdField()
    {
        // R-ID-2
        var violation = SingleViolation(Citizen(IdVectors.WrongCheckDigit));

        Assert.Equal(new FieldViolation("identity.citizen_id_number", "check digit is 3, expected 2"), violation);
    }

    [Fact]
    public void FromInput_CitizenIdBornAfterToday_IsRejected()
    {
        // R-ID-2
        var violation = SingleViolation(Citizen(IdVectors.Born20300101), today: new DateOnly(2026, 1, 1));

        Assert.Equal("identity.citizen_id_number", violation.Field);
        Assert.Contains("in the future", violation.Description);
    }

    [Fact]
    public void FromInput_NothingSet_IsRejectedOnIdentity()
    {
        // R-ID-2
        var violation = SingleViolation(new IdentityInput(null, "", "  ", null));

        Assert.Equal("identity", violation.Field);
        Assert.EndsWith("but none is", violation.Description);
    }

    [Fact]
    public void FromInput_TwoSet_IsRejectedOnIdentity()
    {
        // R-ID-2
        var input = new IdentityInput(IdVectors.ShenzhenMale1999, null, null, new NewbornInput(IdVectors.ShenzhenFemale1999, 1, 1, false, null));

        var violation = SingleViolation(input);

        Assert.Equal("identity", violation.Field);
        Assert.EndsWith("but 2 are: citizen_id_number, newborn", violation.Description);
    }

    [Fact]
    public void FromInput_BirthCertificate_GivesBmcKey()
    {
        // R-ID-2
        var key = IdentityKey.FromInput(Certificate(" q123456789"));

        Assert.Equal(IdentityKind.BirthMedicalCertificate, key.Kind);
        Assert.Equal("bmc:Q123456789", key.Value);
        Assert.Null(key.BirthDate);
        Assert.Equal(Sex.Unspecified, key.Sex);
        Assert.Equal("Q*****6789", key.Display);
    }

    [Fact]
    public void FromInput_InvalidBirthCertificate_IsRejectedOnItsField()
    {
        // R-ID-2
        var violation = SingleViolation(Certificate("Q12345"));

        Assert.Equal("identity.birth_medical_certificate_number", violation.Field);
    }

    [Fact]
    public void FromInput_NewbornSingleBirth_GivesKeyWithoutName()
    {
        // R-ID-2
        var key = IdentityKey.FromInput(Newborn(IdVectors.ShenzhenFemale1999, 1, 1, multiple: false, name: "王小明"));

        Assert.Equal(IdentityKind.NewbornOfMother, key.Kind);
        Assert.Equal("nb:440308199901101520:1:1", key.Value);
        Assert.Null(key.BirthDate);
        Assert.Equal(Sex.Unspecified, key.Sex);
        Assert.Equal("newborn of 440308********1520, parity 1, birth order 1", key.Display);
    }

    [Fact]
    public void FromInput_NewbornMultipleBirth_GivesKeyWithTrimmedName()
    {
        // R-ID-2, CQ-A1 2(4): 多胞胎无证件儿童要通过姓名区分
        var first = IdentityKey.FromInput(Newborn(IdVectors.ShenzhenFemale1999, 2, 1, multiple: true, name: "  王大宝 "));
        var second = IdentityKey.FromInput(Newborn(IdVectors.ShenzhenFemale1999, 2, 1, multiple: true, name: "王二宝"));

        Assert.Equal("nb:440308199901101520:2:1:王大宝", first.Value);
        Assert.NotEqual(first, second);
        Assert.Equal("王大宝", first.Newborn!.Name);
    }

    [Fact]
    public void FromInput_NewbornNamesDifferingOnlyInNormalisation_GiveEqualKeys()
    {
        // R-ID-1, R-ID-2: the name is NFC-normalised, so one person cannot get two keys
        var decomposed = IdentityKey.FromInput(Newborn(IdVectors.ShenzhenFemale1999, 1, 2, multiple: true, name: "Zoe\u0301"));
        var composed = IdentityKey.FromInput(Newborn(IdVectors.ShenzhenFemale1999, 1, 2, multiple: true, name: "Zo\u00E9"));
        var compatibility = IdentityKey.FromInput(Newborn(IdVectors.ShenzhenFemale1999, 1, 2, multiple: true, name: "\uF900"));

        Assert.Equal(composed, decomposed);
        Assert.Equal("nb:440308199901101520:1:2:Zo\u00E9", decomposed.Value);
        Assert.Equal("nb:440308199901101520:1:2:\u8C48", compatibility.Value);
    }

    [Fact]
    public void FromInput_NewbornOfResidencePermitHolder_IsAccepted()
    {
        // R-ID-2: the mother's ID number may be a residence permit number
        var key = IdentityKey.FromInput(Newborn(IdVectors.HongKongPermit, 1, 1));

        Assert.Equal("nb:810000199408230021:1:1", key.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void FromInput_NewbornWithoutMotherId_IsRejectedOnMotherField(string? mother)
    {
        // R-ID-2
        var violation = SingleViolation(Newborn(mother, 1, 1));

        Assert.Equal("identity.newborn.mother_id_number", violation.Field);
        Assert.StartsWith("is required", violation.Description);
    }

    [Fact]
    public void FromInput_NewbornWithInvalidMotherId_IsRejectedOnMotherField()
    {
        // R-ID-2
        var violation = SingleViolation(Newborn(IdVectors.ImpossibleDate, 1, 1));

        Assert.Equal(new FieldViolation("identity.newborn.mother_id_number", "birth date 19990230 is not a real date"), violation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void FromInput_NewbornParityOutOfRange_IsRejectedOnParityField(int parity)
    {
        // R-ID-2
        var violation = SingleViolation(Newborn(IdVectors.ShenzhenFemale1999, parity, 1));

        Assert.Equal(new FieldViolation("identity.newborn.parity", $"must be between 1 and 20, got {parity}"), violation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void FromInput_NewbornBirthOrderOutOfRange_IsRejectedOnBirthOrderField(int birthOrder)
    {
        // R-ID-2
        var violation = SingleViolation(Newborn(IdVectors.ShenzhenFemale1999, 1, birthOrder));

        Assert.Equal(new FieldViolation("identity.newborn.birth_order", $"must be between 1 and 10, got {birthOrder}"), violation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void FromInput_MultipleBirthWithoutName_IsRejectedOnNameField(string? name)
    {
        // R-ID-2, CQ-A1 2(4)
        var violation = SingleViolation(Newborn(IdVectors.ShenzhenFemale1999, 1, 2, multiple: true, name: name));

        Assert.Equal("identity.newborn.name", violation.Field);
        Assert.Contains("told apart by name", violation.Description);
    }

    [Fact]
    public void FromInput_MultipleBirthWithTooLongName_IsRejectedOnNameField()
    {
        // R-ID-2
        var violation = SingleViolation(Newborn(IdVectors.ShenzhenFemale1999, 1, 2, multiple: true, name: new string('王', 51)));

        Assert.Equal(new FieldViolation("identity.newborn.name", "must be at most 50 characters, got 51"), violation);
    }

    [Fact]
    public void FromInput_NewbornWithSeveralErrors_ReportsEveryField()
    {
        // R-ID-2: all invalid newborn fields are reported at once
        var exception = Assert.Throws<DomainValidationException>(
            () => IdentityKey.FromInput(Newborn(IdVectors.WrongCheckDigit, 0, 11, multiple: true, name: null)));

        Assert.Equal(
            ["identity.newborn.mother_id_number", "identity.newborn.parity", "identity.newborn.birth_order", "identity.newborn.name"],
            exception.Violations.Select(v => v.Field));
        Assert.Contains("identity.newborn.parity: must be between 1 and 20, got 0", exception.Message);
    }

    [Fact]
    public void FromInput_NullInput_Throws()
    {
        // R-ID-2
        Assert.Throws<ArgumentNullException>(() => IdentityKey.FromInput(null!));
    }

    [Fact]
    public void IdentityFieldPaths_MatchProtoFieldNames()
    {
        // R-ID-2
        Assert.Equal(
            [
                "identity", "identity.citizen_id_number", "identity.residence_permit_number",
                "identity.birth_medical_certificate_number", "identity.newborn.mother_id_number",
                "identity.newborn.parity", "identity.newborn.birth_order", "identity.newborn.name",
            ],
            [
                IdentityFieldPaths.Identity, IdentityFieldPaths.CitizenIdNumber, IdentityFieldPaths.ResidencePermitNumber,
                IdentityFieldPaths.BirthMedicalCertificateNumber, IdentityFieldPaths.NewbornMotherIdNumber,
                IdentityFieldPaths.NewbornParity, IdentityFieldPaths.NewbornBirthOrder, IdentityFieldPaths.NewbornName,
            ]);
    }
}
