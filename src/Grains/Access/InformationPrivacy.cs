namespace HealthRecords.Grains.Access;

/// <summary>SZ art. 24 privacy levels of a piece of information (R-AC-3).</summary>
public enum PrivacyLevel
{
    /// <summary>Readable by whoever may read the record.</summary>
    Open = 0,
    /// <summary>Not open: only the owning clinic (management) and the resident themself.</summary>
    NotOpen = 1,
    /// <summary>Open to listed parties: the owning clinic, the resident and the listed institutions.</summary>
    ListedParties = 2,
}

/// <summary>
/// How one piece of information (a service record) is protected: its privacy level and whether it
/// is severe mental disorder information, specially protected (R-AC-3, CQ-A2 7, GD art. 39).
/// </summary>
public sealed record InformationPrivacy(PrivacyLevel Level, IReadOnlyList<string> ListedInstitutions, bool SevereMentalDisorder)
{
    public static InformationPrivacy Open { get; } = new(PrivacyLevel.Open, [], false);
}
