namespace HealthRecords.Grains.Import;

public enum HistoricImportState
{
    /// <summary>Started; batches may follow, also after a reconnection.</summary>
    InProgress = 1,

    /// <summary>The client said the last batch was sent.</summary>
    Completed = 2,
}

/// <summary>What detection found on the way in, as counted when each batch committed.</summary>
public sealed record ImportCounts(long Imported, long Held, long Rejected, long ExactCandidates, long ProbableCandidates)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0);

    public static ImportCounts operator +(ImportCounts a, ImportCounts b) => new(
        a.Imported + b.Imported, a.Held + b.Held, a.Rejected + b.Rejected,
        a.ExactCandidates + b.ExactCandidates, a.ProbableCandidates + b.ProbableCandidates);
}

/// <summary>
/// One bulk import of a district's historic records (issue 8): chosen by the client's import id,
/// resumable from <see cref="LastSequence"/>, the highest sequence committed.
/// </summary>
public sealed record HistoricImport(
    string ImportId,
    string DistrictCode,
    string StartedBy,
    HistoricImportState State,
    long LastSequence,
    ImportCounts Counts,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The review queue's source for pairs this import found (DuplicateReviewStore).</summary>
    public string ReviewSource => SourceOf(ImportId);

    public static string SourceOf(string importId) => $"import:{importId}";
}
