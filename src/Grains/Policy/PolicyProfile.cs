namespace HealthRecords.Grains.Policy;

/// <summary>
/// The values that differ between the cities whose regulations the platform implements
/// (DOMAIN.md: Chongqing is the default profile, Guangdong and Shenzhen are selectable).
/// The built-in profiles are in <see cref="PolicyProfiles"/>, each value commented with its rule
/// and seed article. Every count must be positive.
/// </summary>
public sealed record PolicyProfile
{
    // China Standard Time: one zone, no daylight saving (same as Time/CityTime.Offset).

    /// <summary>Profile name, lower case (e.g. <c>chongqing</c>).</summary>
    public required string Name
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A policy profile needs a name.", nameof(Name)) : value;
    }

    /// <summary>R-RC-4: a service is uploaded within this many days of the service; later uploads are flagged late.</summary>
    public required int EntryDeadlineDays { get; init => field = Positive(value, nameof(EntryDeadlineDays)); }

    /// <summary>R-TR-2: how long the other clinic has to confirm a transfer.</summary>
    public required TransferConfirmationDeadline TransferConfirmation
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(TransferConfirmation));
    }

    /// <summary>R-TR-5: after a cross-district transfer the record cannot transfer again for this many days.</summary>
    public required int TransferProtectionDays { get; init => field = Positive(value, nameof(TransferProtectionDays)); }

    /// <summary>R-ST-2: unreachable and no service record for more than this many years → lost-to-follow-up candidate.</summary>
    public required int LostToFollowUpAfterYears { get; init => field = Positive(value, nameof(LostToFollowUpAfterYears)); }

    /// <summary>
    /// R-CN-4: an active record neither updated nor served for more than this many months is stale
    /// (AH 1(2) "长期不更新档案"; no seed states the period).
    /// </summary>
    public required int StaleAfterMonths { get; init => field = Positive(value, nameof(StaleAfterMonths)); }

    /// <summary>R-ST-4: left the city for more than this many years → moved out.</summary>
    public required int MovedOutAfterYears { get; init => field = Positive(value, nameof(MovedOutAfterYears)); }

    /// <summary>R-ST-3: date and cause of death are entered within this many days of the notice ("1 个月内" = 30 days).</summary>
    public required int DeathEntryDeadlineDays { get; init => field = Positive(value, nameof(DeathEntryDeadlineDays)); }

    /// <summary>R-ST-6: archived records are kept at least this many years.</summary>
    public required int ArchiveRetentionYears { get; init => field = Positive(value, nameof(ArchiveRetentionYears)); }

    /// <summary>R-OS-1: off-site service is for key-population residents living here less than this many months.</summary>
    public required int OffsiteResidenceMonthsMax { get; init => field = Positive(value, nameof(OffsiteResidenceMonthsMax)); }

    /// <summary>R-AC-1, R-AC-2, R-AC-4: adulthood, resident codes and authorizations, emergency access, research group size.</summary>
    public required Access.AccessTerms Access { get; init => field = value ?? throw new ArgumentNullException(nameof(Access)); }

    /// <summary>
    /// R-TR-2: when the confirmation of a transfer requested at <paramref name="requestedAt"/> is due,
    /// with days counted in China Standard Time (UTC+08:00) whatever offset <paramref name="requestedAt"/>
    /// carries; the result is at +08:00.
    /// </summary>
    public DateTimeOffset TransferConfirmationDueAt(DateTimeOffset requestedAt, IHolidayCalendar calendar) =>
        TransferConfirmation.DueAt(requestedAt.ToOffset(Time.CityTime.Offset), calendar);

    private static int Positive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);
        return value;
    }
}
