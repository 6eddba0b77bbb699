using System.Diagnostics.CodeAnalysis;

namespace HealthRecords.Grains.Identity;

/// <summary>
/// A birth medical certificate number (出生医学证明编号): one ASCII letter and nine digits,
/// the identity key of a newborn who has no ID number yet (R-ID-2, CQ-A1 2(4), GD art. 14).
/// The letter is canonicalised to upper case. Equality is by <see cref="Value"/>;
/// <see cref="ToString"/> returns the masked form.
/// </summary>
public sealed record BirthMedicalCertificateNumber
{
    /// <summary>Number of characters.</summary>
    public const int Length = 10;

    private BirthMedicalCertificateNumber(string value) => Value = value;

    /// <summary>The canonical number: trimmed, upper-case letter + 9 digits.</summary>
    public string Value { get; }

    /// <summary>The number with its middle hidden, e.g. <c>A*****6789</c>.</summary>
    public string Masked => PersonalDataMask.Middle(Value, 1, 4);

    /// <summary>Parses a number; on failure <paramref name="error"/> is an English sentence.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out BirthMedicalCertificateNumber? number,
        [NotNullWhen(false)] out string? error)
    {
        number = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "must not be empty";
            return false;
        }

        if (trimmed.Length != Length)
        {
            error = $"must be {Length} characters (a letter and 9 digits), got {trimmed.Length}";
            return false;
        }

        if (!char.IsAsciiLetter(trimmed[0]))
        {
            error = $"must start with a letter A-Z, but the first character is '{trimmed[0]}'";
            return false;
        }

        for (var i = 1; i < Length; i++)
        {
            if (!char.IsAsciiDigit(trimmed[i]))
            {
                error = $"characters 2-10 must be digits, but character {i + 1} is '{trimmed[i]}'";
                return false;
            }
        }

        error = null;
        number = new BirthMedicalCertificateNumber(char.ToUpperInvariant(trimmed[0]) + trimmed[1..]);
        return true;
    }

    /// <summary>Parses a number; throws <see cref="FormatException"/> with the reason if it is invalid.</summary>
    public static BirthMedicalCertificateNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var number, out var error)
            ? number
            : throw new FormatException($"Invalid birth medical certificate number: {error}.");
    }

    /// <summary>The masked form (<see cref="Masked"/>), never the full number.</summary>
    public override string ToString() => Masked;
}
