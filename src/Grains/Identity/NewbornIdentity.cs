using System.Globalization;
using System.Text;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Identity;

/// <summary>
/// The identity of a newborn with neither ID number nor birth medical certificate: the mother's
/// ID number (citizen ID or residence permit) + parity (产次) + birth order (胎次); children of a
/// multiple birth are told apart by name (R-ID-2, CQ-A1 2(4) "多胞胎无证件儿童要通过姓名区分", GD art. 14).
/// </summary>
/// <remarks>
/// <see cref="Name"/> is non-null exactly for a multiple birth; it is stored trimmed and
/// NFC-normalised (string.Normalize, ICU). The constructor validates and throws
/// <see cref="ArgumentException"/>; <see cref="IdentityKey.FromInput"/> reports the same rules as
/// field violations. <see cref="ToString"/> is masked.
/// </remarks>
public sealed record NewbornIdentity
{
    /// <summary>Lowest parity (产次).</summary>
    public const int MinParity = 1;

    /// <summary>Highest parity (产次).</summary>
    public const int MaxParity = 20;

    /// <summary>Lowest birth order (胎次).</summary>
    public const int MinBirthOrder = 1;

    /// <summary>Highest birth order (胎次).</summary>
    public const int MaxBirthOrder = 10;

    /// <summary>Longest name, in Unicode code points after trimming and NFC.</summary>
    public const int MaxNameLength = 50;

    /// <summary>
    /// Creates a newborn identity; <paramref name="name"/> null means a single birth, non-null a
    /// multiple birth whose child is told apart by that name (trimmed and NFC-normalised here).
    /// </summary>
    public NewbornIdentity(CitizenIdNumber motherId, int parity, int birthOrder, string? name)
    {
        ArgumentNullException.ThrowIfNull(motherId);
        if (CheckParity(parity) is { } parityError)
        {
            throw new ArgumentOutOfRangeException(nameof(parity), parity, $"Parity {parityError}.");
        }

        if (CheckBirthOrder(birthOrder) is { } birthOrderError)
        {
            throw new ArgumentOutOfRangeException(nameof(birthOrder), birthOrder, $"Birth order {birthOrderError}.");
        }

        string? canonicalName = null;
        if (name is not null && CheckName(name, out canonicalName) is { } nameError)
        {
            throw new ArgumentException($"Name {nameError}.", nameof(name));
        }

        MotherId = motherId;
        Parity = parity;
        BirthOrder = birthOrder;
        Name = canonicalName;
    }

    /// <summary>The mother's citizen ID or residence permit number.</summary>
    public CitizenIdNumber MotherId { get; }

    /// <summary>Parity (产次): the mother's how-many-th delivery, 1..20.</summary>
    public int Parity { get; }

    /// <summary>Birth order (胎次), 1..10.</summary>
    public int BirthOrder { get; }

    /// <summary>The child's name, only for a multiple birth (trimmed, NFC); null otherwise.</summary>
    public string? Name { get; }

    /// <summary>True when the child is told apart from siblings of the same birth by <see cref="Name"/>.</summary>
    public bool IsMultipleBirth => Name is not null;

    /// <summary>Masked human form for logs, e.g. <c>newborn of 440308********1512, parity 1, birth order 2, name 王**</c>.</summary>
    public string Display
    {
        get
        {
            var builder = new StringBuilder();
            builder.Append(CultureInfo.InvariantCulture, $"newborn of {MotherId.Masked}, parity {Parity}, birth order {BirthOrder}");
            if (Name is not null)
            {
                builder.Append(", name ").Append(PersonalDataMask.Name(Name));
            }

            return builder.ToString();
        }
    }

    /// <summary>
    /// Creates a newborn identity from the proto's shape: with <paramref name="isMultipleBirth"/>
    /// the name is required; without it the name is not part of the identity and is ignored.
    /// </summary>
    public static NewbornIdentity Create(CitizenIdNumber motherId, int parity, int birthOrder, bool isMultipleBirth, string? name)
    {
        if (isMultipleBirth && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Name {MissingNameError}.", nameof(name));
        }

        return new NewbornIdentity(motherId, parity, birthOrder, isMultipleBirth ? name : null);
    }

    /// <summary>Deconstructs like a positional record.</summary>
    public void Deconstruct(out CitizenIdNumber motherId, out int parity, out int birthOrder, out string? name)
    {
        motherId = MotherId;
        parity = Parity;
        birthOrder = BirthOrder;
        name = Name;
    }

    /// <summary>The masked form (<see cref="Display"/>).</summary>
    public override string ToString() => Display;

    internal const string MissingNameError =
        "is required for a multiple birth: children of the same birth are told apart by name";

    internal static string? CheckParity(int parity) =>
        parity is >= MinParity and <= MaxParity ? null : $"must be between {MinParity} and {MaxParity}, got {parity}";

    internal static string? CheckBirthOrder(int birthOrder) =>
        birthOrder is >= MinBirthOrder and <= MaxBirthOrder ? null : $"must be between {MinBirthOrder} and {MaxBirthOrder}, got {birthOrder}";

    /// <summary>Validates a multiple birth's name and returns its canonical form (trimmed, NFC).</summary>
    internal static string? CheckName(string? name, out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return MissingNameError;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                return "contains an unpaired UTF-16 surrogate";
            }
            else if (char.IsControl(name[i]))
            {
                return "must not contain control characters";
            }
        }

        string normalized;
        try
        {
            normalized = name.Normalize(System.Text.NormalizationForm.FormC).Trim();
        }
        catch (ArgumentException)
        {
            return "is not valid Unicode text";
        }
        var length = normalized.EnumerateRunes().Count();
        if (length > MaxNameLength)
        {
            return $"must be at most {MaxNameLength} characters, got {length}";
        }

        canonical = normalized;
        return null;
    }
}
