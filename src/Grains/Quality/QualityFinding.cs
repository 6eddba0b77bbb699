namespace HealthRecords.Grains.Quality;

/// <summary>The kinds of data-quality problem R-CN-4 reports (AH 1(2), SZ art. 11, CQ art. 27).</summary>
public enum QualityFindingKind
{
    /// <summary>A mandatory cover or basic-information field is empty or a placeholder (R-RC-1).</summary>
    MissingField = 1,

    /// <summary>Facts that cannot all be true: service before birth or after death, impossible dates, an ID number contradicting the record.</summary>
    LogicError = 2,

    /// <summary>An active record neither updated nor served beyond the policy's period.</summary>
    Stale = 3,

    /// <summary>A service uploaded after the entry deadline (R-RC-4), against the serving clinic.</summary>
    LateUpload = 4,

    /// <summary>The record is in an open duplicate candidate of the review queue (R-ID-1).</summary>
    OpenDuplicate = 5,
}

/// <summary>
/// One problem with one record. <paramref name="InstitutionCode"/> is the clinic answerable for it:
/// the owner, except for a late upload, which is the serving clinic's (R-RC-4, R-OS-5).
/// <paramref name="Field"/> names the field (proto style) or the service's upload id.
/// </summary>
public sealed record QualityFinding(string RecordNumber, string InstitutionCode, QualityFindingKind Kind, string Field, string Detail);
