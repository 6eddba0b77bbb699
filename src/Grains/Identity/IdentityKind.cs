namespace HealthRecords.Grains.Identity;

/// <summary>The four kinds of identity key (R-ID-2, CQ-A1 2(4), GD art. 14).</summary>
public enum IdentityKind
{
    /// <summary>18-character citizen ID number (GB 11643).</summary>
    CitizenId = 1,

    /// <summary>Hong Kong / Macao / Taiwan residents' residence permit number (810000 / 820000 / 830000 + GB 11643).</summary>
    ResidencePermit = 2,

    /// <summary>Birth medical certificate number (出生医学证明编号) of a newborn without an ID number.</summary>
    BirthMedicalCertificate = 3,

    /// <summary>Newborn without either: mother's ID number + parity (产次) + birth order (胎次), name for multiple births.</summary>
    NewbornOfMother = 4,
}
