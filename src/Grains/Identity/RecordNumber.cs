using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HealthRecords.Grains.Identity;

/// <summary>
/// The 17-digit record number (档案编号): the 12-digit committee code of usual residence + a
/// 5-digit serial within that committee, 00001-99999 (R-ID-4, NAT 4(4), GD art. 4). The city
/// allocates it; it never changes and is never reused.
/// </summary>
public sealed record RecordNumber
{
    /// <summary>Number of digits.</summary>
    public const int Length = 17;

    /// <summary>Lowest serial within a committee.</summary>
    public const int MinSerial = 1;

    /// <summary>Highest serial within a committee.</summary>
    public const int MaxSerial = 99999;

    private RecordNumber(CommitteeCode committee, int serial)
    {
        Committee = committee;
        Serial = serial;
        Value = committee.Value + serial.ToString("D5", CultureInfo.InvariantCulture);
    }

    /// <summary>The 17 digits.</summary>
    public string Value { get; }

    /// <summary>The committee of usual residence: digits 1-12.</summary>
    public CommitteeCode Committee { get; }

    /// <summary>The serial within the committee: digits 13-17, 1..99999.</summary>
    public int Serial { get; }

    /// <summary>Composes a record number; throws <see cref="ArgumentOutOfRangeException"/> for a serial outside 1..99999.</summary>
    public static RecordNumber Create(CommitteeCode committee, int serial)
    {
        ArgumentNullException.ThrowIfNull(committee);
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, MinSerial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, MaxSerial);
        return new RecordNumber(committee, serial);
    }

    /// <summary>Parses a record number; on failure <paramref name="error"/> is an English sentence.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out RecordNumber? number,
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
            error = $"must be {Length} digits, got {trimmed.Length} characters";
            return false;
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            if (!char.IsAsciiDigit(trimmed[i]))
            {
                error = $"must contain only digits, but character {i + 1} is '{trimmed[i]}'";
                return false;
            }
        }

        if (!CommitteeCode.TryParse(trimmed[..CommitteeCode.Length], out var committee, out var committeeError))
        {
            error = $"committee code (digits 1-12): {committeeError}";
            return false;
        }

        var serial = int.Parse(trimmed.AsSpan(CommitteeCode.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        if (serial < MinSerial)
        {
            error = "serial (digits 13-17) must be 00001-99999, got 00000";
            return false;
        }

        error = null;
        number = new RecordNumber(committee, serial);
        return true;
    }

    /// <summary>Parses a record number; throws <see cref="FormatException"/> with the reason if it is invalid.</summary>
    public static RecordNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var number, out var error)
            ? number
            : throw new FormatException($"Invalid record number: {error}.");
    }

    /// <summary>The 17 digits (<see cref="Value"/>).</summary>
    public override string ToString() => Value;
}
