namespace HealthRecords.Grains.Policy;

/// <summary>
/// The built-in policy profiles (DOMAIN.md intro): <c>chongqing</c> (default), <c>guangdong</c>,
/// <c>shenzhen</c>. Where a profile's seed is silent, the Chongqing value applies, as DOMAIN.md
/// makes Chongqing the default.
/// </summary>
public static class PolicyProfiles
{
    /// <summary>Chongqing (seed CQ, 渝卫发〔2024〕55号, Annex 1 = CQ-A1).</summary>
    public static PolicyProfile Chongqing { get; } = new()
    {
        Name = "chongqing",
        EntryDeadlineDays = 5, // R-RC-4, CQ-A1 2(7), 3(2): 服务后五日内录入
        TransferConfirmation = new TransferConfirmationDeadline(7, WorkingDays: false), // R-TR-2, CQ-A1 4(3)1: 7 个自然日内确认
        TransferProtectionDays = 180, // R-TR-5, CQ-A1 4(3)6: 转迁保护期 180 天
        LostToFollowUpAfterYears = 1, // R-ST-2, CQ-A1 6(1)1: 超过 1 年判定为失访
        // R-CN-4: no seed gives a stale period (AH 1(2) says only 长期不更新); 12 months = the year without
        // service after which CQ-A1 6(1)1 already asks whether the resident is lost.
        StaleAfterMonths = 12,
        MovedOutAfterYears = 1, // R-ST-4, CQ-A1 6(1)3: 迁出本市 1 年以上不返回
        DeathEntryDeadlineDays = 30, // R-ST-3, CQ-A1 6(1)2: 收到死亡信息 1 个月内录入
        ArchiveRetentionYears = 15, // R-ST-6, CQ-A1 6(2)4: 已保存归档的档案至少保存 15 年
        OffsiteResidenceMonthsMax = 6, // R-OS-1, CQ-A1 5(1): 本地常住时间不足 6 个月
        Access = Access.AccessTerms.PlatformDefaults, // R-AC-1/2/4: CQ art. 15-17 name the mechanisms, not the periods
    };

    /// <summary>Guangdong (seed GD, 广东省居民健康档案管理规范, 2024).</summary>
    public static PolicyProfile Guangdong { get; } = new()
    {
        Name = "guangdong",
        EntryDeadlineDays = 15, // R-RC-4, GD art. 17, 20: 服务后 15 日内录入
        TransferConfirmation = new TransferConfirmationDeadline(10, WorkingDays: true), // R-TR-2, GD art. 24: 10 个工作日内确认
        TransferProtectionDays = 180, // R-TR-5, GD silent → CQ-A1 4(3)6
        LostToFollowUpAfterYears = 2, // R-ST-2, GD art. 31: 持续时间超过 2 年判定为失访
        StaleAfterMonths = 12, // R-CN-4, GD silent (art. 31's 2 years is for lost to follow-up, a status, not staleness) → Chongqing default
        MovedOutAfterYears = 1, // R-ST-4, GD silent → CQ-A1 6(1)3
        DeathEntryDeadlineDays = 30, // R-ST-3, GD art. 32: 收到死亡信息的 1 个月内录入
        ArchiveRetentionYears = 15, // R-ST-6, GD art. 33 (病历保存年限; outpatient records ≥ 15 years) = CQ-A1 6(2)4
        OffsiteResidenceMonthsMax = 6, // R-OS-1, GD silent (GD art. 23: 常住地 = 居住半年以上) → CQ-A1 5(1)
        Access = Access.AccessTerms.PlatformDefaults, // R-AC-1/2/4: GD art. 28-30 name the mechanisms, not the periods
    };

    /// <summary>
    /// Shenzhen (seed SZ, 深圳市居民电子健康档案管理办法(试行)). SZ states none of these values
    /// (it has no entry deadline, transfer deadline, lost-to-follow-up period, death-entry deadline
    /// or retention period), so every value is the Chongqing default.
    /// </summary>
    public static PolicyProfile Shenzhen { get; } = new()
    {
        Name = "shenzhen",
        EntryDeadlineDays = 5, // R-RC-4, SZ silent (art. 28(2) only forbids delay) → CQ-A1 2(7), 3(2)
        TransferConfirmation = new TransferConfirmationDeadline(7, WorkingDays: false), // R-TR-2, SZ art. 15 gives no deadline → CQ-A1 4(3)1
        TransferProtectionDays = 180, // R-TR-5, SZ silent → CQ-A1 4(3)6
        LostToFollowUpAfterYears = 1, // R-ST-2, SZ art. 16 has no lost-to-follow-up case → CQ-A1 6(1)1
        StaleAfterMonths = 12, // R-CN-4, SZ silent → Chongqing default
        MovedOutAfterYears = 1, // R-ST-4, SZ art. 16(2) (resident confirms moving out) → CQ-A1 6(1)3
        DeathEntryDeadlineDays = 30, // R-ST-3, SZ art. 16(1) gives no deadline → CQ-A1 6(1)2
        ArchiveRetentionYears = 15, // R-ST-6, SZ silent → CQ-A1 6(2)4
        OffsiteResidenceMonthsMax = 6, // R-OS-1, SZ silent → CQ-A1 5(1)
        Access = Access.AccessTerms.PlatformDefaults, // R-AC-1/2/4: SZ art. 18-24 name the mechanisms, not the periods
    };

    /// <summary>All built-in profiles, default first.</summary>
    public static IReadOnlyList<PolicyProfile> All { get; } = [Chongqing, Guangdong, Shenzhen];

    /// <summary>The default profile: Chongqing (DOMAIN.md).</summary>
    public static PolicyProfile Default => Chongqing;

    /// <summary>
    /// The profile named <paramref name="name"/> (case-insensitive, surrounding whitespace ignored);
    /// throws <see cref="ArgumentException"/> listing the valid names if there is none.
    /// </summary>
    public static PolicyProfile Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var profile)
            ? profile
            : throw new ArgumentException(
                $"Unknown policy profile '{name}'; valid profiles: {string.Join(", ", All.Select(p => p.Name))}.",
                nameof(name));
    }

    /// <summary>Looks a profile up by name (case-insensitive, surrounding whitespace ignored).</summary>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PolicyProfile? profile)
    {
        var trimmed = name?.Trim();
        profile = All.FirstOrDefault(p => string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        return profile is not null;
    }
}
