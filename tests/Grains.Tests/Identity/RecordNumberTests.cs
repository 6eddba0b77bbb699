using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class RecordNumberTests
{
    private static readonly CommitteeCode Committee = CommitteeCode.Parse("500103001002");

    [Fact]
    public void RecordNumber_Create_ComposesCommitteeAndZeroPaddedSerial()
    {
        // R-ID-4: 12-digit committee code + 5-digit serial
        var number = RecordNumber.Create(Committee, 42);

        Assert.Equal("50010300100200042", number.Value);
        Assert.Equal(17, number.Value.Length);
        Assert.Equal(Committee, number.Committee);
        Assert.Equal(42, number.Serial);
        Assert.Equal(number.Value, number.ToString());
    }

    [Fact]
    public void RecordNumber_Parse_RoundTrips()
    {
        // R-ID-4
        var number = RecordNumber.Parse("50010300100299999");

        Assert.Equal("500103001002", number.Committee.Value);
        Assert.Equal(RecordNumber.MaxSerial, number.Serial);
        Assert.Equal(RecordNumber.Create(Committee, 99999), number);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100000)]
    public void RecordNumber_CreateWithSerialOutOfRange_Throws(int serial)
    {
        // R-ID-4: serial 00001..99999
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordNumber.Create(Committee, serial));
    }

    [Theory]
    [InlineData(1, "50010300100200001")]
    [InlineData(99999, "50010300100299999")]
    public void RecordNumber_CreateAtSerialBounds_IsAccepted(int serial, string expected)
    {
        // R-ID-4
        Assert.Equal(expected, RecordNumber.Create(Committee, serial).Value);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("5001030010020004", "must be 17 digits, got 16 characters")]
    [InlineData("5001030010020004x", "must contain only digits, but character 17 is 'x'")]
    [InlineData("50010300100200000", "serial (digits 13-17) must be 00001-99999, got 00000")]
    [InlineData("50010300000200042", "committee code (digits 1-12): township / street part (digits 7-9) must not be 000")]
    [InlineData("00010300100200042", "committee code (digits 1-12): county code 000103 must not start with 0")]
    public void RecordNumber_Malformed_IsRejected(string text, string expected)
    {
        // R-ID-4
        var ok = RecordNumber.TryParse(text, out var number, out var error);

        Assert.False(ok);
        Assert.Null(number);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void RecordNumber_Parse_Invalid_ThrowsFormatException()
    {
        // R-ID-4
        Assert.Throws<FormatException>(() => RecordNumber.Parse("50010300100200000"));
    }
}
