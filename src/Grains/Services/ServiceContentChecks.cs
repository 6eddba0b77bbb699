using System.Globalization;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Services;

/// <summary>
/// Checks of the free-form content shared by an upload (R-RC-1) and a correction (R-RC-3):
/// a correction must not let in what an upload could not.
/// </summary>
internal static class ServiceContentChecks
{
    public const int MaxMainProblems = 20;
    public const int MaxMainProblemLength = 200;
    public const int MaxMeasurements = 50;
    public const int MaxMeasurementKeyLength = 40;
    public const int MaxMeasurementValueLength = 200;

    // Plausible physical ranges: values outside are typing errors (cm for m, a missing decimal point).
    private static readonly Dictionary<string, (decimal Min, decimal Max)> Ranges = new(StringComparer.Ordinal)
    {
        [MeasurementKeys.HeightCm] = (30m, 250m),
        [MeasurementKeys.WeightKg] = (1m, 400m),
        [MeasurementKeys.SystolicMmHg] = (50m, 300m),
        [MeasurementKeys.DiastolicMmHg] = (20m, 200m),
        [MeasurementKeys.FastingGlucoseMmol] = (0.5m, 50m),
    };

    public static void CheckMainProblems(IReadOnlyList<string> problems, string field, List<FieldViolation> violations)
    {
        if (problems.Count > MaxMainProblems)
        {
            violations.Add(new(field, $"must have at most {MaxMainProblems} items, got {problems.Count}"));
            return;
        }

        for (var i = 0; i < problems.Count; i++)
        {
            var problem = problems[i];
            if (string.IsNullOrWhiteSpace(problem))
            {
                violations.Add(new(ServiceFieldPaths.Item(field, i), "must not be empty"));
            }
            else if (problem.Length > MaxMainProblemLength)
            {
                violations.Add(new(ServiceFieldPaths.Item(field, i), $"must be at most {MaxMainProblemLength} characters, got {problem.Length}"));
            }
        }
    }

    /// <param name="emptyRemoves">True for a correction, where an empty value removes the key.</param>
    public static void CheckMeasurements(IReadOnlyDictionary<string, string> measurements, string field, List<FieldViolation> violations, bool emptyRemoves = false)
    {
        if (measurements.Count > MaxMeasurements)
        {
            violations.Add(new(field, $"must have at most {MaxMeasurements} entries, got {measurements.Count}"));
            return;
        }

        // Sorted so the violations come in the same order whatever the dictionary's order.
        foreach (var (key, value) in measurements.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!IsValidKey(key))
            {
                // The bad key is not put in the path: it may not be a valid path segment.
                violations.Add(new(field, $"key '{Shorten(key)}' must be 1-{MaxMeasurementKeyLength} characters of a-z, 0-9 and _"));
                continue;
            }

            var path = ServiceFieldPaths.Entry(field, key);
            if (emptyRemoves && string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (value is null)
            {
                violations.Add(new(path, "must not be null"));
            }
            else if (value.Length > MaxMeasurementValueLength)
            {
                violations.Add(new(path, $"must be at most {MaxMeasurementValueLength} characters, got {value.Length}"));
            }
            else if (CheckKnownValue(key, value) is { } error)
            {
                violations.Add(new(path, error));
            }
        }
    }

    /// <summary>A decimal number in invariant notation (no sign, no exponent), or null.</summary>
    public static decimal? ParseNumber(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The ABO group of a valid blood type value ("AB+" → "AB"), or null.</summary>
    public static string? AboGroup(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var group = value.EndsWith('+') || value.EndsWith('-') ? value[..^1] : value;
        return group is "A" or "B" or "AB" or "O" ? group : null;
    }

    private static string? CheckKnownValue(string key, string value)
    {
        if (Ranges.TryGetValue(key, out var range))
        {
            var number = ParseNumber(value);
            return number is null
                ? "must be a decimal number such as 12.5"
                : number < range.Min || number > range.Max
                    ? $"must be between {range.Min.ToString(CultureInfo.InvariantCulture)} and {range.Max.ToString(CultureInfo.InvariantCulture)}, got {value}"
                    : null;
        }

        return key switch
        {
            MeasurementKeys.BloodType when AboGroup(value) is null => "must be A, B, AB or O, optionally followed by + or -",
            MeasurementKeys.AnnualFreeExam when value is not ("true" or "false") => "must be true or false",
            _ => null,
        };
    }

    private static bool IsValidKey(string key) =>
        key.Length is >= 1 and <= MaxMeasurementKeyLength && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static string Shorten(string text) => text.Length <= MaxMeasurementKeyLength ? text : text[..MaxMeasurementKeyLength] + "…";
}
