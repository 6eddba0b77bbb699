using System.Diagnostics.CodeAnalysis;

namespace HealthRecords.Grains.Identity;

/// <summary>
/// The 12-digit code of a residents' / villagers' committee (居委会 / 村委会): 6-digit county-level
/// GB/T 2260 code + 3-digit township / street + 3-digit committee; the first 12 digits of a
/// record number (R-ID-4, NAT 4(4), GD art. 4).
/// </summary>
public sealed record CommitteeCode
{
    /// <summary>Number of digits.</summary>
    public const int Length = 12;

    private CommitteeCode(string value) => Value = value;

    /// <summary>The 12 digits.</summary>
    public string Value { get; }

    /// <summary>The county-level GB/T 2260 code: digits 1-6.</summary>
    public string CountyCode => Value[..6];

    /// <summary>The township / street code: digits 1-9 (county + 3 digits).</summary>
    public string TownshipCode => Value[..9];

    /// <summary>
    /// Parses a committee code; on failure <paramref name="error"/> is an English sentence. The
    /// county code must not start with 0, and the township and committee parts must not be 000.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out CommitteeCode? code,
        [NotNullWhen(false)] out string? error)
    {
        code = null;
        var trimmed = text?.Trim();
        error = Check(trimmed);
        if (error is not null)
        {
            return false;
        }

        code = new CommitteeCode(trimmed!);
        return true;
    }

    /// <summary>Parses a committee code; throws <see cref="FormatException"/> with the reason if it is invalid.</summary>
    public static CommitteeCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var code, out var error)
            ? code
            : throw new FormatException($"Invalid committee code: {error}.");
    }

    /// <summary>The 12 digits (<see cref="Value"/>).</summary>
    public override string ToString() => Value;

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "must not be empty";
        }

        if (text.Length != Length)
        {
            return $"must be {Length} digits, got {text.Length} characters";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return $"must contain only digits, but character {i + 1} is '{text[i]}'";
            }
        }

        if (text[0] == '0')
        {
            return $"county code {text[..6]} must not start with 0";
        }

        if (text.AsSpan(6, 3).SequenceEqual("000"))
        {
            return "township / street part (digits 7-9) must not be 000";
        }

        if (text.AsSpan(9, 3).SequenceEqual("000"))
        {
            return "committee part (digits 10-12) must not be 000";
        }

        return null;
    }
}
