using System.Text.Json;
using HealthRecords.Grains.Merging;

namespace HealthRecords.Storage.City;

/// <summary>The review queue's events as JSON, by their type name (the journal's convention).</summary>
internal static class DuplicateReviewPayloads
{
    public static string Serialize(DuplicateReviewEvent e) => JsonSerializer.Serialize(e, e.GetType(), StorageJson.Options);

    public static DuplicateReviewEvent Deserialize(string type, string payload) => type switch
    {
        nameof(DuplicateProposed) => Read<DuplicateProposed>(payload),
        nameof(DuplicateMergeBlocked) => Read<DuplicateMergeBlocked>(payload),
        nameof(DuplicatesMerged) => Read<DuplicatesMerged>(payload),
        nameof(DuplicateDismissed) => Read<DuplicateDismissed>(payload),
        _ => throw new InvalidOperationException($"Unknown review event {type}."),
    };

    private static T Read<T>(string payload) => JsonSerializer.Deserialize<T>(payload, StorageJson.Options)!;
}
