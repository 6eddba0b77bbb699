using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Tests.Identity;

public sealed class NewbornIdentityTests
{
    private static readonly CitizenIdNumber Mother = CitizenIdNumber.Parse(IdVectors.ShenzhenFemale1999);

    [Fact]
    public void Newborn_SingleBirth_HasNoName()
    {
        // R-ID-2
        var newborn = new NewbornIdentity(Mother, 1, 1, null);

        Assert.False(newborn.IsMultipleBirth);
        Assert.Null(newborn.Name);
    }

    [Fact]
    public void Newborn_MultipleBirthName_IsTrimmedAndNormalised()
    {
        // R-ID-2, CQ-A1 2(4): multiple births are told apart by name
        var newborn = new NewbornIdentity(Mother, 2, 1, "\u3000 Zoe\u0301 ");

        Assert.True(newborn.IsMultipleBirth);
        Assert.Equal("Zo\u00E9", newborn.Name);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(21, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 11)]
    public void Newborn_ParityOrBirthOrderOutOfRange_Throws(int parity, int birthOrder)
    {
        // R-ID-2
        Assert.Throws<ArgumentOutOfRangeException>(() => new NewbornIdentity(Mother, parity, birthOrder, null));
    }

    [Theory]
    [InlineData(20, 10)]
    [InlineData(1, 1)]
    public void Newborn_ParityAndBirthOrderAtBounds_AreAccepted(int parity, int birthOrder)
    {
        // R-ID-2
        var newborn = new NewbornIdentity(Mother, parity, birthOrder, null);

        Assert.Equal((parity, birthOrder), (newborn.Parity, newborn.BirthOrder));
    }

    [Fact]
    public void Newborn_CreateMultipleBirthWithoutName_Throws()
    {
        // R-ID-2
        var exception = Assert.Throws<ArgumentException>(() => NewbornIdentity.Create(Mother, 1, 2, isMultipleBirth: true, name: "  "));

        Assert.Contains("told apart by name", exception.Message);
    }

    [Fact]
    public void Newborn_CreateSingleBirthWithName_DropsName()
    {
        // R-ID-2: the name is part of the identity only for a multiple birth
        var newborn = NewbornIdentity.Create(Mother, 1, 1, isMultipleBirth: false, name: "王小明");

        Assert.Null(newborn.Name);
    }

    [Fact]
    public void Newborn_NameWithControlCharacter_Throws()
    {
        // R-ID-2
        Assert.Throws<ArgumentException>(() => new NewbornIdentity(Mother, 1, 1, "王\u0000明"));
    }

    [Fact]
    public void Newborn_NameOf50CodePoints_IsAcceptedAnd51_IsRejected()
    {
        // R-ID-2: name 1..50 characters; a supplementary-plane character counts once
        var fifty = string.Concat(Enumerable.Repeat("\U00020000", 50));
        var fiftyOne = fifty + "a";

        var newborn = new NewbornIdentity(Mother, 1, 1, fifty);

        Assert.Equal(fifty, newborn.Name);
        Assert.Throws<ArgumentException>(() => new NewbornIdentity(Mother, 1, 1, fiftyOne));
    }

    [Fact]
    public void Newborn_Display_IsMasked()
    {
        // R-ID-2 (personal data)
        var newborn = new NewbornIdentity(Mother, 1, 2, "王小明");

        Assert.Equal("newborn of 440308********1520, parity 1, birth order 2, name 王**", newborn.ToString());
    }

    [Fact]
    public void Newborn_Deconstruct_YieldsComponents()
    {
        // R-ID-2
        var (mother, parity, birthOrder, name) = new NewbornIdentity(Mother, 3, 2, "乙");

        Assert.Equal(Mother, mother);
        Assert.Equal(3, parity);
        Assert.Equal(2, birthOrder);
        Assert.Equal("乙", name);
    }
}
