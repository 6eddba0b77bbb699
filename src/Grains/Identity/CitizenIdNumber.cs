using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HealthRecords.Grains.Identity;

/// <summary>
/// An 18-character GB 11643 citizen identity number, or a Hong Kong / Macao / Taiwan residents'
/// residence permit number, which uses the same format with region code 810000 / 820000 / 830000
/// (R-ID-2, CQ-A1 2(4), GD art. 14).
/// </summary>
/// <remarks>
/// Layout: 6-digit region code (GB/T 2260), 8-digit birth date yyyyMMdd, 3-digit sequence whose
/// last digit is odd for men and even for women, and a check character (ISO 7064 MOD 11-2).
/// Equality is by <see cref="Value"/>. <see cref="ToString"/> returns the masked form, because
/// the number is personal data; use <see cref="Value"/> where the number itself is needed.
/// </remarks>
public sealed record CitizenIdNumber
{
    /// <summary>Number of characters.</summary>
    public const int Length = 18;

    /// <summary>Earliest accepted birth date.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1880, 1, 1);

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // GB/T 2260 province-level codes (first two digits); 81 / 82 / 83 only as 810000 / 820000 / 830000.
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ];

    private CitizenIdNumber(string value) => Value = value;

    /// <summary>The canonical number: trimmed, a final lower-case x written as X.</summary>
    public string Value { get; }

    /// <summary>The birth date encoded in digits 7-14.</summary>
    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Sex from the 17th digit: odd = male, even = female.</summary>
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The first six digits: the GB/T 2260 region code (810000 / 820000 / 830000 for residence permits).</summary>
    public string RegionCode => Value[..6];

    /// <summary>True for a Hong Kong / Macao / Taiwan residents' residence permit number (prefix 810000 / 820000 / 830000).</summary>
    public bool IsResidencePermit => PermitRegion is not null;

    /// <summary>"HK", "MO" or "TW" for a residence permit number; null for a citizen ID number.</summary>
    public string? PermitRegion => RegionCode switch
    {
        "810000" => "HK",
        "820000" => "MO",
        "830000" => "TW",
        _ => null,
    };

    /// <summary>The number with its birth date and sequence hidden, e.g. <c>440308********1512</c>.</summary>
    public string Masked => PersonalDataMask.Middle(Value, 6, 4);

    /// <summary>Parses a number without checking the birth date against today.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out CitizenIdNumber? id,
        [NotNullWhen(false)] out string? error) =>
        TryParse(text, today: null, out id, out error);

    /// <summary>
    /// Parses a number; when <paramref name="today"/> is given, a birth date after it is rejected.
    /// On failure <paramref name="error"/> is an English sentence naming the first problem found,
    /// in this order: empty, length, characters, region code, birth date, check digit.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        DateOnly? today,
        [NotNullWhen(true)] out CitizenIdNumber? id,
        [NotNullWhen(false)] out string? error)
    {
        id = null;
        error = Check(text, today, out var canonical);
        if (error is not null)
        {
            return false;
        }

        id = new CitizenIdNumber(canonical!);
        return true;
    }

    /// <summary>Parses a number; throws <see cref="FormatException"/> with the reason if it is invalid.</summary>
    public static CitizenIdNumber Parse(string text) => Parse(text, today: null);

    /// <summary>Parses a number, rejecting a birth date after <paramref name="today"/> when given.</summary>
    public static CitizenIdNumber Parse(string text, DateOnly? today)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, today, out var id, out var error)
            ? id
            : throw new FormatException($"Invalid ID number: {error}.");
    }

    /// <summary>The check character (0-9 or X) for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are required.", nameof(first17Digits));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(first17Digits[i]))
            {
                throw new ArgumentException("Only ASCII digits are allowed.", nameof(first17Digits));
            }

            sum += (first17Digits[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>The masked form (<see cref="Masked"/>), never the full number.</summary>
    public override string ToString() => Masked;

    private static string? Check(string? text, DateOnly? today, out string? canonical)
    {
        canonical = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "must not be empty";
        }

        if (trimmed.Length != Length)
        {
            return $"must be {Length} characters, got {trimmed.Length}";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(trimmed[i]))
            {
                return $"characters 1-17 must be digits, but character {i + 1} is '{trimmed[i]}'";
            }
        }

        var last = trimmed[17] == 'x' ? 'X' : trimmed[17];
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return $"the last character must be a digit or X, but it is '{trimmed[17]}'";
        }

        var regionError = CheckRegion(trimmed.AsSpan(0, 6));
        if (regionError is not null)
        {
            return regionError;
        }

        var dateError = CheckBirthDate(trimmed.Substring(6, 8), today);
        if (dateError is not null)
        {
            return dateError;
        }

        var expected = ComputeCheckCharacter(trimmed.AsSpan(0, 17));
        if (last != expected)
        {
            return $"check digit is {last}, expected {expected}";
        }

        canonical = trimmed[..17] + last;
        return null;
    }

    private static string? CheckRegion(ReadOnlySpan<char> region)
    {
        var province = ((region[0] - '0') * 10) + (region[1] - '0');
        if (!Provinces.Contains(province))
        {
            return $"region code {region} does not start with a GB/T 2260 province-level code ({region[..2]} is none)";
        }

        if (province is 81 or 82 or 83 && !region[2..].SequenceEqual("0000"))
        {
            return $"region code {region} is not valid: Hong Kong / Macao / Taiwan residence permit numbers start with 810000 / 820000 / 830000";
        }

        return null;
    }

    private static string? CheckBirthDate(string digits, DateOnly? today)
    {
        if (!DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            return $"birth date {digits} is not a real date";
        }

        if (birthDate < EarliestBirthDate)
        {
            return $"birth date {digits} is before {EarliestBirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        }

        if (today is { } now && birthDate > now)
        {
            return $"birth date {digits} is in the future (today is {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
        }

        return null;
    }
}
