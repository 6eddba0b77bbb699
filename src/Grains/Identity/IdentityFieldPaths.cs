namespace HealthRecords.Grains.Identity;

/// <summary>
/// The proto field paths that <see cref="IdentityKey.FromInput"/> names in its
/// <see cref="Validation.FieldViolation"/>s (R-ID-2).
/// </summary>
public static class IdentityFieldPaths
{
    /// <summary>The oneof itself: none or more than one case set.</summary>
    public const string Identity = "identity";

    /// <summary>Citizen ID number.</summary>
    public const string CitizenIdNumber = "identity.citizen_id_number";

    /// <summary>Hong Kong / Macao / Taiwan residence permit number.</summary>
    public const string ResidencePermitNumber = "identity.residence_permit_number";

    /// <summary>Birth medical certificate number.</summary>
    public const string BirthMedicalCertificateNumber = "identity.birth_medical_certificate_number";

    /// <summary>Newborn: the mother's ID number.</summary>
    public const string NewbornMotherIdNumber = "identity.newborn.mother_id_number";

    /// <summary>Newborn: parity (产次).</summary>
    public const string NewbornParity = "identity.newborn.parity";

    /// <summary>Newborn: birth order (胎次).</summary>
    public const string NewbornBirthOrder = "identity.newborn.birth_order";

    /// <summary>Newborn: the child's name (multiple births).</summary>
    public const string NewbornName = "identity.newborn.name";
}
