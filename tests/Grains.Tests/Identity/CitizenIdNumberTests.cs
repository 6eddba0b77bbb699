using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class CitizenIdNumberTests
{
    [Theory]
    [InlineData(IdVectors.BeijingFemale1949)]
    [InlineData(IdVectors.Born18800101)]
    [InlineData(IdVectors.ShenzhenMale1999)]
    [InlineData(IdVectors.HongKongPermit)]
    [InlineData(IdVectors.MacaoPermit)]
    [InlineData(IdVectors.TaiwanPermit)]
    public void CitizenId_ValidVector_IsAccepted(string text)
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(text, out var id, out var error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(text, id!.Value);
    }

    [Fact]
    public void CitizenId_WithWrongCheckDigit_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(IdVectors.WrongCheckDigit, out var id, out var error);

        Assert.False(ok);
        Assert.Null(id);
        Assert.Equal("check digit is 3, expected 2", error);
    }

    [Fact]
    public void CitizenId_WithImpossibleBirthDate_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(IdVectors.ImpossibleDate, out _, out var error);

        Assert.False(ok);
        Assert.Equal("birth date 19990230 is not a real date", error);
    }

    [Fact]
    public void CitizenId_WithLowerCaseX_IsCanonicalisedToUpperCase()
    {
        // R-ID-2
        var id = CitizenIdNumber.Parse("11010519491231002x");

        Assert.Equal(IdVectors.BeijingFemale1949, id.Value);
        Assert.Equal(CitizenIdNumber.Parse(IdVectors.BeijingFemale1949), id);
    }

    [Fact]
    public void CitizenId_WithSurroundingWhitespace_IsTrimmed()
    {
        // R-ID-2
        var id = CitizenIdNumber.Parse("  440308199901101512\t\n");

        Assert.Equal(IdVectors.ShenzhenMale1999, id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CitizenId_Empty_IsRejected(string? text)
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Equal("must not be empty", error);
    }

    [Theory]
    [InlineData("44030819990110151", "must be 18 characters, got 17")]
    [InlineData("4403081999011015122", "must be 18 characters, got 19")]
    public void CitizenId_WithWrongLength_IsRejected(string text, string expected)
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void CitizenId_WithLetterAmongFirst17_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse("4403A8199901101512", out _, out var error);

        Assert.False(ok);
        Assert.Equal("characters 1-17 must be digits, but character 5 is 'A'", error);
    }

    [Fact]
    public void CitizenId_WithInternalSpace_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse("440308 99901101512", out _, out var error);

        Assert.False(ok);
        Assert.Equal("characters 1-17 must be digits, but character 7 is ' '", error);
    }

    [Fact]
    public void CitizenId_WithInvalidLastCharacter_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse("44030819990110151Y", out _, out var error);

        Assert.False(ok);
        Assert.Equal("the last character must be a digit or X, but it is 'Y'", error);
    }

    [Fact]
    public void CitizenId_WithUnknownProvince_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(IdVectors.UnknownProvince99, out _, out var error);

        Assert.False(ok);
        Assert.Equal("region code 990000 does not start with a GB/T 2260 province-level code (99 is none)", error);
    }

    [Fact]
    public void CitizenId_WithHongKongPrefixButNotPermitCode_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(IdVectors.HongKongPrefixNotPermit, out _, out var error);

        Assert.False(ok);
        Assert.StartsWith("region code 810101 is not valid", error);
    }

    [Fact]
    public void CitizenId_BornBefore1880_IsRejected()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(IdVectors.Born18791231, out _, out var error);

        Assert.False(ok);
        Assert.Equal("birth date 18791231 is before 1880-01-01", error);
    }

    [Fact]
    public void CitizenId_BornOn18800101_IsAccepted()
    {
        // R-ID-2
        var id = CitizenIdNumber.Parse(IdVectors.Born18800101);

        Assert.Equal(new DateOnly(1880, 1, 1), id.BirthDate);
    }

    [Fact]
    public void CitizenId_BornAfterToday_IsRejected()
    {
        // R-ID-2
        var today = new DateOnly(2029, 12, 31);

        var ok = CitizenIdNumber.TryParse(IdVectors.Born20300101, today, out _, out var error);

        Assert.False(ok);
        Assert.Equal("birth date 20300101 is in the future (today is 2029-12-31)", error);
    }

    [Fact]
    public void CitizenId_BornToday_IsAccepted()
    {
        // R-ID-2
        var today = new DateOnly(2030, 1, 1);

        var ok = CitizenIdNumber.TryParse(IdVectors.Born20300101, today, out var id, out _);

        Assert.True(ok);
        Assert.Equal(today, id!.BirthDate);
    }

    [Fact]
    public void CitizenId_FutureBirthDateWithoutToday_IsAccepted()
    {
        // R-ID-2
        var ok = CitizenIdNumber.TryParse(IdVectors.Born20300101, out _, out _);

        Assert.True(ok);
    }

    [Fact]
    public void CitizenId_BornOnLeapDay_IsAccepted()
    {
        // R-ID-2
        var id = CitizenIdNumber.Parse(IdVectors.Born20240229);

        Assert.Equal(new DateOnly(2024, 2, 29), id.BirthDate);
    }

    [Fact]
    public void CitizenId_DerivesBirthDateSexAndRegion()
    {
        // R-ID-2
        var female = CitizenIdNumber.Parse(IdVectors.BeijingFemale1949);
        var male = CitizenIdNumber.Parse(IdVectors.ShenzhenMale1999);

        Assert.Equal(new DateOnly(1949, 12, 31), female.BirthDate);
        Assert.Equal(Sex.Female, female.Sex);
        Assert.Equal("110105", female.RegionCode);
        Assert.False(female.IsResidencePermit);
        Assert.Null(female.PermitRegion);
        Assert.Equal(new DateOnly(1999, 1, 10), male.BirthDate);
        Assert.Equal(Sex.Male, male.Sex);
        Assert.Equal("440308", male.RegionCode);
        Assert.Equal(Sex.Female, CitizenIdNumber.Parse(IdVectors.ShenzhenFemale1999).Sex);
    }

    [Theory]
    [InlineData(IdVectors.HongKongPermit, "HK")]
    [InlineData(IdVectors.MacaoPermit, "MO")]
    [InlineData(IdVectors.TaiwanPermit, "TW")]
    public void CitizenId_WithPermitPrefix_IsResidencePermit(string text, string region)
    {
        // R-ID-2
        var id = CitizenIdNumber.Parse(text);

        Assert.True(id.IsResidencePermit);
        Assert.Equal(region, id.PermitRegion);
    }

    [Fact]
    public void CitizenId_Parse_Invalid_ThrowsFormatExceptionWithReason()
    {
        // R-ID-2
        var exception = Assert.Throws<FormatException>(() => CitizenIdNumber.Parse(IdVectors.WrongCheckDigit));

        Assert.Contains("check digit is 3, expected 2", exception.Message);
        Assert.DoesNotContain(IdVectors.WrongCheckDigit, exception.Message);
    }

    [Fact]
    public void CitizenId_ToString_IsMasked()
    {
        // R-ID-2 (identity numbers are personal data)
        var id = CitizenIdNumber.Parse(IdVectors.ShenzhenMale1999);

        Assert.Equal("440308********1512", id.ToString());
        Assert.Equal("440308********1512", id.Masked);
    }

    [Theory]
    [InlineData("44030819990110151", '2')]
    [InlineData("11010519491231002", 'X')]
    public void CitizenId_ComputeCheckCharacter_FollowsMod11_2(string first17, char expected)
    {
        // R-ID-2
        var check = CitizenIdNumber.ComputeCheckCharacter(first17);

        Assert.Equal(expected, check);
    }
}
