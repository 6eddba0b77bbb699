namespace HealthRecords.Grains.Import;

/// <summary>What became of one streamed historic record; stored, so a resumed stream answers the same.</summary>
public enum ImportItemOutcome
{
    /// <summary>A new record; <see cref="HistoricImportItem.RecordNumber"/> is its number.</summary>
    Imported = 1,

    /// <summary>
    /// R-ID-1: the identity is already enrolled; the record is stored beside the enrolled one, held for
    /// review, and the pair proposed. <see cref="HistoricImportItem.RecordNumber"/> is the enrolled record's number.
    /// </summary>
    HeldForReview = 2,

    /// <summary>Invalid; <see cref="HistoricImportItem.Field"/> and <see cref="HistoricImportItem.Reason"/> say why. Nothing stored.</summary>
    Rejected = 3,
}

/// <summary>One answered item of an import.</summary>
public sealed record HistoricImportItem(long Sequence, string HistoricId, ImportItemOutcome Outcome, string? RecordNumber, string? Field, string? Reason)
{
    /// <summary>For a held record: the record stored for it (its own number, beside the enrolled one).</summary>
    public string? HeldRecordNumber { get; init; }
}
