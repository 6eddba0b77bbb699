using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class CommitteeCodeTests
{
    [Fact]
    public void CommitteeCode_Valid_ExposesCountyAndTownship()
    {
        // R-ID-4
        var code = CommitteeCode.Parse("500103001002");

        Assert.Equal("500103001002", code.Value);
        Assert.Equal("500103", code.CountyCode);
        Assert.Equal("500103001", code.TownshipCode);
        Assert.Equal("500103001002", code.ToString());
    }

    [Fact]
    public void CommitteeCode_WithWhitespace_IsTrimmed()
    {
        // R-ID-4
        Assert.Equal(CommitteeCode.Parse("500103001002"), CommitteeCode.Parse(" 500103001002 "));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("50010300100", "must be 12 digits, got 11 characters")]
    [InlineData("50010300100a", "must contain only digits, but character 12 is 'a'")]
    [InlineData("050103001002", "county code 050103 must not start with 0")]
    [InlineData("500103000002", "township / street part (digits 7-9) must not be 000")]
    [InlineData("500103001000", "committee part (digits 10-12) must not be 000")]
    public void CommitteeCode_Malformed_IsRejected(string text, string expected)
    {
        // R-ID-4
        var ok = CommitteeCode.TryParse(text, out var code, out var error);

        Assert.False(ok);
        Assert.Null(code);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void CommitteeCode_Parse_Invalid_ThrowsFormatException()
    {
        // R-ID-4
        Assert.Throws<FormatException>(() => CommitteeCode.Parse("500103000002"));
    }
}
