using System.Text;
using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-MG-2, R-CN-4: whether a field holds real information. GD art. 22 gives the example: a phone
/// number is valid, "不详" is not. Placeholders (不详, 未知, unknown, …) and blanks are invalid for
/// every text field; a phone must also look like a Chinese mobile or fixed-line number.
/// </summary>
public static class FieldValidity
{
    // Written by clerks when the information was not known; compared after NFKC, trimming and case folding.
    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal)
    {
        "不详", "未知", "不清楚", "待定", "待补充", "暂无", "未填", "unknown", "n/a", "na", "null", "-", "--", "/", "?", "—",
    };

    /// <summary>A text field (name, address, employer, responsible doctor, enrolled by): not blank, not a placeholder.</summary>
    public static bool IsValidText(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        var folded = Fold(value);
        return folded.Length > 0 && !Placeholders.Contains(folded) && folded.Any(char.IsLetterOrDigit);
    }

    /// <summary>
    /// A phone: after dropping spaces, hyphens and a +86 / 86 prefix, a mobile number (11 digits,
    /// 1[3-9]…) or a fixed line with its area code (0 + 9 to 11 digits).
    /// </summary>
    public static bool IsValidPhone(string? value)
    {
        var digits = PhoneDigits(value);
        return digits is not null && (IsMobile(digits) || IsFixedLine(digits));
    }

    /// <summary>Sex is valid when known.</summary>
    public static bool IsValidSex(Sex sex) => sex is Sex.Male or Sex.Female;

    /// <summary>A date of birth: present, not before GB 11643's earliest, not after today.</summary>
    public static bool IsValidDateOfBirth(DateOnly? born, DateOnly today) =>
        born is { } d && d >= CitizenIdNumber.EarliestBirthDate && d <= today;

    /// <summary>The digits of a phone number without separators and country code, or null if other characters remain.</summary>
    public static string? PhoneDigits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsAsciiDigit(c))
                builder.Append(c);
            else if (c is not (' ' or '-' or '+' or '(' or ')'))
                return null;
        }
        var digits = builder.ToString();
        if (digits.StartsWith("0086", StringComparison.Ordinal))
            digits = digits[4..];
        else if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
            digits = digits[2..];
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Text folded for comparison: NFKC (full-width → half-width), no white space, lower case.</summary>
    public static string Fold(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c))
                builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static bool IsMobile(string digits) => digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9';

    private static bool IsFixedLine(string digits) => digits.Length is >= 10 and <= 12 && digits[0] == '0' && digits[1] != '0';
}
