using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class BirthMedicalCertificateNumberTests
{
    [Fact]
    public void BirthCertificate_Valid_IsAccepted()
    {
        // R-ID-2
        var ok = BirthMedicalCertificateNumber.TryParse("O440012345", out var number, out var error);

        Assert.True(ok, error);
        Assert.Equal("O440012345", number!.Value);
    }

    [Fact]
    public void BirthCertificate_WithLowerCaseLetterAndWhitespace_IsCanonicalised()
    {
        // R-ID-2
        var number = BirthMedicalCertificateNumber.Parse(" q123456789 ");

        Assert.Equal("Q123456789", number.Value);
        Assert.Equal(BirthMedicalCertificateNumber.Parse("Q123456789"), number);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Q12345678", "must be 10 characters (a letter and 9 digits), got 9")]
    [InlineData("1123456789", "must start with a letter A-Z, but the first character is '1'")]
    [InlineData("\uFF31123456789", "must start with a letter A-Z, but the first character is '\uFF31'")]
    [InlineData("Q1234X6789", "characters 2-10 must be digits, but character 6 is 'X'")]
    public void BirthCertificate_Malformed_IsRejected(string text, string expected)
    {
        // R-ID-2
        var ok = BirthMedicalCertificateNumber.TryParse(text, out var number, out var error);

        Assert.False(ok);
        Assert.Null(number);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void BirthCertificate_Parse_Invalid_ThrowsFormatException()
    {
        // R-ID-2
        Assert.Throws<FormatException>(() => BirthMedicalCertificateNumber.Parse("Q12"));
    }

    [Fact]
    public void BirthCertificate_ToString_IsMasked()
    {
        // R-ID-2 (personal data)
        var number = BirthMedicalCertificateNumber.Parse("Q123456789");

        Assert.Equal("Q*****6789", number.ToString());
    }
}
