namespace HealthRecords.Grains.Access;

/// <summary>How many items a response left out for its reader, by cause (R-AC-1, R-AC-3): the response says so.</summary>
public sealed record Withheld(int SevereMentalDisorderItems, int PrivacyLevelItems)
{
    public bool Any => SevereMentalDisorderItems > 0 || PrivacyLevelItems > 0;
}

public static class ReadableInformation
{
    /// <summary>The items this reader may see, and a tally of those left out.</summary>
    public static (IReadOnlyList<T> Shown, Withheld Withheld) Filter<T>(this RecordAccessDecision decision, IEnumerable<T> items, Func<T, InformationPrivacy> protection)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(protection);
        var shown = new List<T>();
        var (mental, privacy) = (0, 0);
        foreach (var item in items)
        {
            var information = protection(item);
            if (decision.Shows(information))
                shown.Add(item);
            else if (information.SevereMentalDisorder && !decision.SeesSevereMentalDisorder)
                mental++;
            else
                privacy++;
        }
        return (shown, new Withheld(mental, privacy));
    }
}
