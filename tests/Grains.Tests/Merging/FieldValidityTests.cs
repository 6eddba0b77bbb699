using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class FieldValidityTests
{
    [Theory]
    [InlineData("13800001111", true)]
    [InlineData("138 0000 1111", true)]
    [InlineData("+86 138-0000-1111", true)]
    [InlineData("023-63851234", true)]
    [InlineData("０２３６３８５１２３４", true)] // full-width digits, as typed on a Chinese keyboard
    [InlineData("不详", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("1380000111", false)] // 10 digits: neither mobile nor fixed line
    [InlineData("12800001111", false)] // no mobile prefix 12
    [InlineData("63851234", false)] // fixed line without area code
    [InlineData("138000011ab", false)]
    public void Phone_ValidOnlyForAMobileOrAFixedLineWithAreaCode(string? phone, bool valid)
    {
        // R-MG-2 (GD art. 22: a phone number is valid, "不详" is not)
        Assert.Equal(valid, FieldValidity.IsValidPhone(phone));
    }

    [Theory]
    [InlineData("重庆市渝中区解放碑街道1号", true)]
    [InlineData("不详", false)]
    [InlineData(" 未知 ", false)]
    [InlineData("Unknown", false)]
    [InlineData("N/A", false)]
    [InlineData("—", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    public void Text_PlaceholdersAndBlanksAreInvalid(string? text, bool valid)
    {
        // R-MG-2, R-CN-4
        Assert.Equal(valid, FieldValidity.IsValidText(text));
    }

    [Fact]
    public void DateOfBirth_InTheFutureOrBefore1880_IsInvalid()
    {
        // R-MG-2: an impossible date is no valid value
        var today = new DateOnly(2026, 11, 21);

        Assert.True(FieldValidity.IsValidDateOfBirth(new DateOnly(1960, 3, 15), today));
        Assert.False(FieldValidity.IsValidDateOfBirth(today.AddDays(1), today));
        Assert.False(FieldValidity.IsValidDateOfBirth(new DateOnly(1879, 12, 31), today));
        Assert.False(FieldValidity.IsValidDateOfBirth(null, today));
    }

    [Fact]
    public void Sex_UnspecifiedIsInvalid()
    {
        Assert.False(FieldValidity.IsValidSex(Sex.Unspecified));
        Assert.True(FieldValidity.IsValidSex(Sex.Female));
    }
}
