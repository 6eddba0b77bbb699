using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Identity;

/// <summary>
/// The canonical identity key of a resident: the unique key of the city's master index (R-ID-1, R-ID-2).
/// </summary>
/// <remarks>
/// <see cref="Value"/> forms:
/// <list type="bullet">
/// <item><c>id:&lt;18 chars&gt;</c> for citizen ID and residence permit numbers alike: both are
/// GB 11643 numbers in one number space, so a person is found whichever field carried the number;
/// the kind is derived from the number's prefix (810000 / 820000 / 830000 = residence permit).</item>
/// <item><c>bmc:&lt;LETTER + 9 digits&gt;</c> for a birth medical certificate number.</item>
/// <item><c>nb:&lt;mother id&gt;:&lt;parity&gt;:&lt;birth order&gt;</c>, plus <c>:&lt;name&gt;</c> (trimmed, NFC)
/// only for a multiple birth. The name may itself contain ':'; it is everything after the fourth ':'.</item>
/// </list>
/// Equality and hashing are by <see cref="Value"/> (ordinal). <see cref="ToString"/> returns
/// <see cref="Display"/>, the masked form: identity numbers are personal data.
/// </remarks>
public sealed record IdentityKey
{
    /// <summary>Prefix of citizen ID and residence permit keys.</summary>
    public const string IdPrefix = "id:";

    /// <summary>Prefix of birth medical certificate keys.</summary>
    public const string BirthMedicalCertificatePrefix = "bmc:";

    /// <summary>Prefix of newborn-of-mother keys.</summary>
    public const string NewbornPrefix = "nb:";

    private IdentityKey(IdentityKind kind, string value, CitizenIdNumber? idNumber, BirthMedicalCertificateNumber? certificate, NewbornIdentity? newborn)
    {
        Kind = kind;
        Value = value;
        IdNumber = idNumber;
        BirthMedicalCertificate = certificate;
        Newborn = newborn;
    }

    /// <summary>Which kind of key this is.</summary>
    public IdentityKind Kind { get; }

    /// <summary>The canonical key string, stored as the database unique key.</summary>
    public string Value { get; }

    /// <summary>The ID number for <see cref="IdentityKind.CitizenId"/> and <see cref="IdentityKind.ResidencePermit"/>; else null.</summary>
    public CitizenIdNumber? IdNumber { get; }

    /// <summary>The certificate number for <see cref="IdentityKind.BirthMedicalCertificate"/>; else null.</summary>
    public BirthMedicalCertificateNumber? BirthMedicalCertificate { get; }

    /// <summary>The newborn identity for <see cref="IdentityKind.NewbornOfMother"/>; else null.</summary>
    public NewbornIdentity? Newborn { get; }

    /// <summary>The birth date when the key carries one (ID numbers), else null.</summary>
    public DateOnly? BirthDate => IdNumber?.BirthDate;

    /// <summary>The sex when the key carries it (ID numbers), else <see cref="Identity.Sex.Unspecified"/>.</summary>
    public Sex Sex => IdNumber?.Sex ?? Sex.Unspecified;

    /// <summary>A masked human form for logs, e.g. <c>440308********1512</c>, <c>A*****6789</c>.</summary>
    public string Display => Kind switch
    {
        IdentityKind.BirthMedicalCertificate => BirthMedicalCertificate!.Masked,
        IdentityKind.NewbornOfMother => Newborn!.Display,
        _ => IdNumber!.Masked,
    };

    /// <summary>The key of a citizen ID or residence permit number (kind from its prefix).</summary>
    public static IdentityKey For(CitizenIdNumber idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var kind = idNumber.IsResidencePermit ? IdentityKind.ResidencePermit : IdentityKind.CitizenId;
        return new IdentityKey(kind, IdPrefix + idNumber.Value, idNumber, null, null);
    }

    /// <summary>The key of a birth medical certificate number.</summary>
    public static IdentityKey For(BirthMedicalCertificateNumber certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new IdentityKey(IdentityKind.BirthMedicalCertificate, BirthMedicalCertificatePrefix + certificate.Value, null, certificate, null);
    }

    /// <summary>The key of a newborn identified through the mother.</summary>
    public static IdentityKey For(NewbornIdentity newborn)
    {
        ArgumentNullException.ThrowIfNull(newborn);
        var value = string.Create(
            CultureInfo.InvariantCulture,
            $"{NewbornPrefix}{newborn.MotherId.Value}:{newborn.Parity}:{newborn.BirthOrder}");
        if (newborn.Name is not null)
        {
            value += ":" + newborn.Name;
        }

        return new IdentityKey(IdentityKind.NewbornOfMother, value, null, null, newborn);
    }

    /// <summary>
    /// Validates the proto identity oneof and returns its key (R-ID-2). Throws
    /// <see cref="DomainValidationException"/> whose violations name the proto field paths
    /// (<see cref="IdentityFieldPaths"/>). When <paramref name="today"/> is given, ID numbers with a
    /// birth date after it are rejected.
    /// </summary>
    public static IdentityKey FromInput(IdentityInput input, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var set = new List<string>(4);
        if (!string.IsNullOrWhiteSpace(input.CitizenIdNumber))
        {
            set.Add("citizen_id_number");
        }

        if (!string.IsNullOrWhiteSpace(input.ResidencePermitNumber))
        {
            set.Add("residence_permit_number");
        }

        if (!string.IsNullOrWhiteSpace(input.BirthMedicalCertificateNumber))
        {
            set.Add("birth_medical_certificate_number");
        }

        if (input.Newborn is not null)
        {
            set.Add("newborn");
        }

        const string oneOf = "exactly one of citizen_id_number, residence_permit_number, birth_medical_certificate_number and newborn must be set";
        if (set.Count == 0)
        {
            throw new DomainValidationException(IdentityFieldPaths.Identity, $"{oneOf}, but none is");
        }

        if (set.Count > 1)
        {
            throw new DomainValidationException(IdentityFieldPaths.Identity, $"{oneOf}, but {set.Count} are: {string.Join(", ", set)}");
        }

        return set[0] switch
        {
            "citizen_id_number" => FromCitizenId(input.CitizenIdNumber!, today),
            "residence_permit_number" => FromResidencePermit(input.ResidencePermitNumber!, today),
            "birth_medical_certificate_number" => FromBirthMedicalCertificate(input.BirthMedicalCertificateNumber!),
            _ => FromNewborn(input.Newborn!, today),
        };
    }

    /// <summary>Parses a stored <see cref="Value"/>; throws <see cref="FormatException"/> unless it is canonical.</summary>
    public static IdentityKey Parse(string canonicalValue)
    {
        ArgumentNullException.ThrowIfNull(canonicalValue);
        return TryParse(canonicalValue, out var key, out var error)
            ? key
            : throw new FormatException($"Invalid identity key: {error}.");
    }

    /// <summary>
    /// Parses a stored <see cref="Value"/>. Only the exact canonical form is accepted (no trimming,
    /// no case folding), so a value that parses always equals the key's <see cref="Value"/>.
    /// Birth dates are not checked against today: the value was valid when it was stored.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? canonicalValue,
        [NotNullWhen(true)] out IdentityKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = null;
        if (string.IsNullOrEmpty(canonicalValue))
        {
            error = "must not be empty";
            return false;
        }

        if (canonicalValue.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            if (CitizenIdNumber.TryParse(canonicalValue[IdPrefix.Length..], out var id, out var idError))
            {
                key = For(id);
            }
            else
            {
                error = $"ID number {idError}";
            }
        }
        else if (canonicalValue.StartsWith(BirthMedicalCertificatePrefix, StringComparison.Ordinal))
        {
            if (BirthMedicalCertificateNumber.TryParse(canonicalValue[BirthMedicalCertificatePrefix.Length..], out var bmc, out var bmcError))
            {
                key = For(bmc);
            }
            else
            {
                error = $"birth medical certificate number {bmcError}";
            }
        }
        else if (canonicalValue.StartsWith(NewbornPrefix, StringComparison.Ordinal))
        {
            key = TryParseNewborn(canonicalValue[NewbornPrefix.Length..], out error);
        }
        else
        {
            error = $"must start with '{IdPrefix}', '{BirthMedicalCertificatePrefix}' or '{NewbornPrefix}'";
        }

        if (key is not null && !string.Equals(key.Value, canonicalValue, StringComparison.Ordinal))
        {
            key = null;
            error = "is not in canonical form";
        }

        return key is not null;
    }

    /// <inheritdoc />
    public bool Equals(IdentityKey? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The masked form (<see cref="Display"/>), never the raw key.</summary>
    public override string ToString() => Display;

    private static IdentityKey FromCitizenId(string text, DateOnly? today)
    {
        if (!CitizenIdNumber.TryParse(text, today, out var id, out var error))
        {
            throw new DomainValidationException(IdentityFieldPaths.CitizenIdNumber, error);
        }

        if (id.IsResidencePermit)
        {
            throw new DomainValidationException(
                IdentityFieldPaths.CitizenIdNumber,
                $"starts with {id.RegionCode}, which makes it a {PermitRegionName(id.PermitRegion!)} residents' residence permit number; pass it as residence_permit_number");
        }

        return For(id);
    }

    private static IdentityKey FromResidencePermit(string text, DateOnly? today)
    {
        if (!CitizenIdNumber.TryParse(text, today, out var id, out var error))
        {
            throw new DomainValidationException(IdentityFieldPaths.ResidencePermitNumber, error);
        }

        if (!id.IsResidencePermit)
        {
            throw new DomainValidationException(
                IdentityFieldPaths.ResidencePermitNumber,
                $"starts with {id.RegionCode}, but Hong Kong / Macao / Taiwan residence permit numbers start with 810000 / 820000 / 830000; pass a citizen ID number as citizen_id_number");
        }

        return For(id);
    }

    private static IdentityKey FromBirthMedicalCertificate(string text) =>
        BirthMedicalCertificateNumber.TryParse(text, out var number, out var error)
            ? For(number)
            : throw new DomainValidationException(IdentityFieldPaths.BirthMedicalCertificateNumber, error);

    private static IdentityKey FromNewborn(NewbornInput newborn, DateOnly? today)
    {
        var violations = new List<FieldViolation>();
        CitizenIdNumber? mother = null;
        if (string.IsNullOrWhiteSpace(newborn.MotherIdNumber))
        {
            violations.Add(new FieldViolation(IdentityFieldPaths.NewbornMotherIdNumber, "is required: a newborn without ID number or birth medical certificate is identified through the mother's ID number"));
        }
        else if (!CitizenIdNumber.TryParse(newborn.MotherIdNumber, today, out mother, out var motherError))
        {
            violations.Add(new FieldViolation(IdentityFieldPaths.NewbornMotherIdNumber, motherError));
        }

        if (NewbornIdentity.CheckParity(newborn.Parity) is { } parityError)
        {
            violations.Add(new FieldViolation(IdentityFieldPaths.NewbornParity, parityError));
        }

        if (NewbornIdentity.CheckBirthOrder(newborn.BirthOrder) is { } birthOrderError)
        {
            violations.Add(new FieldViolation(IdentityFieldPaths.NewbornBirthOrder, birthOrderError));
        }

        if (newborn.IsMultipleBirth && NewbornIdentity.CheckName(newborn.Name, out _) is { } nameError)
        {
            violations.Add(new FieldViolation(IdentityFieldPaths.NewbornName, nameError));
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        return For(NewbornIdentity.Create(mother!, newborn.Parity, newborn.BirthOrder, newborn.IsMultipleBirth, newborn.Name));
    }

    private static IdentityKey? TryParseNewborn(string rest, out string? error)
    {
        // <mother id (18)>:<parity>:<birth order>[:<name>]
        var parts = rest.Split(':', 4);
        if (parts.Length < 3)
        {
            error = "a newborn key needs the mother's ID number, parity and birth order";
            return null;
        }

        if (!CitizenIdNumber.TryParse(parts[0], out var mother, out var motherError))
        {
            error = $"mother's ID number {motherError}";
            return null;
        }

        if (!TryParseCanonicalInt(parts[1], out var parity) || NewbornIdentity.CheckParity(parity) is not null)
        {
            error = $"parity must be a number between {NewbornIdentity.MinParity} and {NewbornIdentity.MaxParity}";
            return null;
        }

        if (!TryParseCanonicalInt(parts[2], out var birthOrder) || NewbornIdentity.CheckBirthOrder(birthOrder) is not null)
        {
            error = $"birth order must be a number between {NewbornIdentity.MinBirthOrder} and {NewbornIdentity.MaxBirthOrder}";
            return null;
        }

        string? name = null;
        if (parts.Length == 4 && NewbornIdentity.CheckName(parts[3], out name) is { } nameError)
        {
            error = $"name {nameError}";
            return null;
        }

        error = null;
        return For(new NewbornIdentity(mother, parity, birthOrder, name));
    }

    private static bool TryParseCanonicalInt(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 2 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static string PermitRegionName(string permitRegion) => permitRegion switch
    {
        "HK" => "Hong Kong",
        "MO" => "Macao",
        _ => "Taiwan",
    };
}
