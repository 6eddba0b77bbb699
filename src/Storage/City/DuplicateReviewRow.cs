using System.Text.Json;
using HealthRecords.Grains.Merging;

namespace HealthRecords.Storage.City;

/// <summary>The <c>duplicate_reviews</c> table's row and its mapping to the review's fold.</summary>
internal sealed class DuplicateReviewRow
{
    public const string Columns =
        "pair_key, first_number, second_number, status, likelihood, evidence, source, proposed_at_ms, conflicts, decided_by, decided_at_ms, reason, survivor_number, version";

    public string PairKey { get; set; } = "";
    public string FirstNumber { get; set; } = "";
    public string SecondNumber { get; set; } = "";
    public long Status { get; set; }
    public long Likelihood { get; set; }
    public long Evidence { get; set; }
    public string Source { get; set; } = "";
    public long ProposedAtMs { get; set; }
    public string? Conflicts { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAtMs { get; set; }
    public string? Reason { get; set; }
    public string? SurvivorNumber { get; set; }
    public long Version { get; set; }

    public QueuedDuplicate ToQueued() => new(new DuplicateReview(
            RecordPair.Of(FirstNumber, SecondNumber),
            (DuplicateReviewStatus)Status,
            new DuplicateMatch((DuplicateLikelihood)Likelihood, (MatchEvidence)Evidence),
            DateTimeOffset.FromUnixTimeMilliseconds(ProposedAtMs),
            Conflicts is null ? [] : JsonSerializer.Deserialize<MergeConflict[]>(Conflicts, StorageJson.Options)!,
            DecidedBy,
            DecidedAtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            Reason,
            SurvivorNumber),
        Source,
        Version);
}
