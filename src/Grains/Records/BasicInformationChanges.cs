using System.Globalization;

namespace HealthRecords.Grains.Records;

/// <summary>R-ID-6: what a correction changed, former value → corrected value, for the record's history.</summary>
public static class BasicInformationChanges
{
    public static string Describe(BasicInformationCorrected e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var changes = new List<string>();
        if (e.Name is not null)
            changes.Add($"name {e.FormerName} → {e.Name}");
        if (e.Sex is { } sex)
            changes.Add($"sex {e.FormerSex} → {sex}");
        if (e.DateOfBirth is { } born)
            changes.Add($"date of birth {Date(e.FormerDateOfBirth)} → {Date(born)}");
        return "corrected " + string.Join(", ", changes);
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)";
}
