using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class IdentityKeyParseTests
{
    [Theory]
    [InlineData("id:440308199901101512", IdentityKind.CitizenId)]
    [InlineData("id:11010519491231002X", IdentityKind.CitizenId)]
    [InlineData("id:830000199201300022", IdentityKind.ResidencePermit)]
    [InlineData("bmc:Q123456789", IdentityKind.BirthMedicalCertificate)]
    [InlineData("nb:440308199901101520:1:1", IdentityKind.NewbornOfMother)]
    [InlineData("nb:440308199901101520:20:10:王小明", IdentityKind.NewbornOfMother)]
    [InlineData("nb:440308199901101520:2:1:A:B", IdentityKind.NewbornOfMother)]
    public void IdentityKey_Parse_RoundTripsCanonicalValue(string value, IdentityKind kind)
    {
        // R-ID-2
        var key = IdentityKey.Parse(value);

        Assert.Equal(value, key.Value);
        Assert.Equal(kind, key.Kind);
        Assert.Equal(key, IdentityKey.Parse(key.Value));
    }

    [Fact]
    public void IdentityKey_ParseOfFromInputValue_EqualsOriginalWithComponents()
    {
        // R-ID-2
        var original = IdentityKey.FromInput(new IdentityInput(null, null, null, new NewbornInput(IdVectors.ShenzhenFemale1999, 2, 2, true, " 乙 ")));

        var loaded = IdentityKey.Parse(original.Value);

        Assert.Equal(original, loaded);
        Assert.Equal(original.Newborn, loaded.Newborn);
        Assert.Equal("乙", loaded.Newborn!.Name);
    }

    [Fact]
    public void IdentityKey_ParseOfIdKey_DerivesBirthDateAndSex()
    {
        // R-ID-2
        var key = IdentityKey.Parse("id:11010519491231002X");

        Assert.Equal(new DateOnly(1949, 12, 31), key.BirthDate);
        Assert.Equal(Sex.Female, key.Sex);
        Assert.Equal(IdVectors.BeijingFemale1949, key.IdNumber!.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("id:11010519491231002x")]
    [InlineData(" id:440308199901101512")]
    [InlineData("ID:440308199901101512")]
    [InlineData("id:440308199901101513")]
    [InlineData("bmc:q123456789")]
    [InlineData("passport:E12345678")]
    [InlineData("nb:440308199901101520:01:1")]
    [InlineData("nb:440308199901101520:1")]
    [InlineData("nb:440308199901101520:1:1: 王小明")]
    [InlineData("nb:440308199901101520:1:1:")]
    [InlineData("nb:440308199901101520:21:1")]
    [InlineData("nb:440308199901101520:1:+1")]
    public void IdentityKey_ParseNonCanonical_IsRejected(string value)
    {
        // R-ID-2
        var ok = IdentityKey.TryParse(value, out var key, out var error);

        Assert.False(ok);
        Assert.Null(key);
        Assert.NotNull(error);
        Assert.Throws<FormatException>(() => IdentityKey.Parse(value));
    }

    [Fact]
    public void IdentityKey_ParseError_DoesNotEchoTheNumber()
    {
        // R-ID-2 (personal data stays out of messages)
        var exception = Assert.Throws<FormatException>(() => IdentityKey.Parse("id:440308199901101513"));

        Assert.DoesNotContain("440308199901101513", exception.Message);
    }

    [Fact]
    public void IdentityKey_ForEachKind_MatchesFromInput()
    {
        // R-ID-2
        var id = CitizenIdNumber.Parse(IdVectors.ShenzhenMale1999);
        var bmc = BirthMedicalCertificateNumber.Parse("Q123456789");

        Assert.Equal(IdentityKey.FromInput(new IdentityInput(IdVectors.ShenzhenMale1999, null, null, null)), IdentityKey.For(id));
        Assert.Equal(IdentityKey.FromInput(new IdentityInput(null, null, "Q123456789", null)), IdentityKey.For(bmc));
        Assert.Equal(
            IdentityKey.FromInput(new IdentityInput(null, null, null, new NewbornInput(IdVectors.ShenzhenMale1999, 1, 1, false, null))),
            IdentityKey.For(new NewbornIdentity(id, 1, 1, null)));
    }
}
