using HealthRecords.Grains.Policy;

namespace HealthRecords.Grains.Tests.Policy;

public sealed class PolicyProfilesTests
{
    [Fact]
    public void Chongqing_HasChongqingValues()
    {
        // R-RC-4, R-TR-2, R-TR-5, R-ST-2, R-ST-3, R-ST-4, R-ST-6, R-OS-1 (CQ-A1)
        var profile = PolicyProfiles.Chongqing;

        Assert.Equal("chongqing", profile.Name);
        Assert.Equal(5, profile.EntryDeadlineDays);
        Assert.Equal(new TransferConfirmationDeadline(7, WorkingDays: false), profile.TransferConfirmation);
        Assert.Equal(180, profile.TransferProtectionDays);
        Assert.Equal(1, profile.LostToFollowUpAfterYears);
        Assert.Equal(1, profile.MovedOutAfterYears);
        Assert.Equal(30, profile.DeathEntryDeadlineDays);
        Assert.Equal(15, profile.ArchiveRetentionYears);
        Assert.Equal(6, profile.OffsiteResidenceMonthsMax);
        Assert.Equal(12, profile.StaleAfterMonths); // R-CN-4: no seed states it
    }

    [Fact]
    public void Guangdong_HasGuangdongValues()
    {
        // R-RC-4 (GD art. 17, 20), R-TR-2 (GD art. 24), R-ST-2 (GD art. 31), R-ST-3 (GD art. 32)
        var profile = PolicyProfiles.Guangdong;

        Assert.Equal("guangdong", profile.Name);
        Assert.Equal(15, profile.EntryDeadlineDays);
        Assert.Equal(new TransferConfirmationDeadline(10, WorkingDays: true), profile.TransferConfirmation);
        Assert.Equal(180, profile.TransferProtectionDays);
        Assert.Equal(2, profile.LostToFollowUpAfterYears);
        Assert.Equal(1, profile.MovedOutAfterYears);
        Assert.Equal(30, profile.DeathEntryDeadlineDays);
        Assert.Equal(15, profile.ArchiveRetentionYears);
        Assert.Equal(6, profile.OffsiteResidenceMonthsMax);
        Assert.Equal(12, profile.StaleAfterMonths); // R-CN-4: no seed states it
    }

    [Fact]
    public void Shenzhen_WhereSeedIsSilent_UsesChongqingDefaults()
    {
        // R-RC-4, R-TR-2, R-ST-2: SZ states none of these values, so the Chongqing default applies
        var profile = PolicyProfiles.Shenzhen;

        Assert.Equal("shenzhen", profile.Name);
        Assert.Equal(PolicyProfiles.Chongqing with { Name = "shenzhen" }, profile);
        Assert.Equal(5, profile.EntryDeadlineDays);
    }

    [Fact]
    public void Default_IsChongqing()
    {
        // DOMAIN.md: Chongqing is the default profile
        Assert.Same(PolicyProfiles.Chongqing, PolicyProfiles.Default);
    }

    [Fact]
    public void All_ListsTheThreeProfilesDefaultFirst()
    {
        // DOMAIN.md intro
        Assert.Equal(["chongqing", "guangdong", "shenzhen"], PolicyProfiles.All.Select(p => p.Name));
    }

    [Theory]
    [InlineData("chongqing", "chongqing")]
    [InlineData("GuangDong", "guangdong")]
    [InlineData(" SHENZHEN ", "shenzhen")]
    public void Get_IsCaseInsensitive(string name, string expected)
    {
        // DOMAIN.md intro: profiles are selectable by name
        Assert.Equal(expected, PolicyProfiles.Get(name).Name);
    }

    [Theory]
    [InlineData("beijing")]
    [InlineData("")]
    public void Get_UnknownName_ThrowsListingValidNames(string name)
    {
        // DOMAIN.md intro
        var exception = Assert.Throws<ArgumentException>(() => PolicyProfiles.Get(name));

        Assert.Contains("chongqing, guangdong, shenzhen", exception.Message);
        Assert.Equal("name", exception.ParamName);
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse()
    {
        // DOMAIN.md intro
        Assert.False(PolicyProfiles.TryGet("hainan", out var profile));
        Assert.Null(profile);
    }

    [Fact]
    public void PolicyProfile_WithNonPositiveValue_Throws()
    {
        // R-RC-4: a deadline of zero days is not a policy
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyProfiles.Chongqing with { EntryDeadlineDays = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyProfiles.Chongqing with { StaleAfterMonths = 0 }); // R-CN-4
    }

    [Fact]
    public void PolicyProfile_TransferConfirmationDueAt_CountsInChinaStandardTime()
    {
        // R-TR-2, GD art. 24: Friday 2025-03-07 17:00 UTC is Saturday 01:00 in China
        var requestedAt = new DateTimeOffset(2025, 3, 7, 17, 0, 0, TimeSpan.Zero);

        var due = PolicyProfiles.Guangdong.TransferConfirmationDueAt(requestedAt, HolidayCalendar.None);

        Assert.Equal(new DateTimeOffset(2025, 3, 21, 1, 0, 0, TimeSpan.FromHours(8)), due);
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
    }
}
