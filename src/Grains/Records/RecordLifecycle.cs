namespace HealthRecords.Grains.Records;

/// <summary>
/// What the record's status and ownership history say beyond the status itself: when and why it
/// last changed (R-ST-7), the death details (R-ST-3), the destination of a move (R-ST-4), the
/// pending transfer (one at a time), the last cross-district move (R-TR-5) and the survivor a
/// merged-away record points at (R-MG-3).
/// </summary>
public sealed record RecordLifecycle(
    DateTimeOffset? StatusChangedAt,
    string? StatusReason,
    DateOnly? DateOfDeath,
    string? CauseOfDeath,
    string? Destination,
    string? PendingTransferId,
    DateTimeOffset? LastCrossDistrictTransferAt)
{
    /// <summary>R-MG-3: the survivor's record number once this record was merged away; else null.</summary>
    public string? MergedInto { get; init; }

    public static RecordLifecycle Initial { get; } = new(null, null, null, null, null, null, null);
}
