using System.Text.Json;
using HealthRecords.Grains.Merging;

namespace HealthRecords.Storage.City;

/// <summary>The <c>record_merges</c> table's row; <c>plan</c> holds the field sources and the services moved, no identity (R-AC-6).</summary>
internal sealed class RecordMergeRow
{
    public const string Columns = "merge_id, pair_key, survivor_number, merged_away_number, request_id, confirmed_by, merged_at_ms, plan";

    public string MergeId { get; set; } = "";
    public string PairKey { get; set; } = "";
    public string SurvivorNumber { get; set; } = "";
    public string MergedAwayNumber { get; set; } = "";
    public string RequestId { get; set; } = "";
    public string ConfirmedBy { get; set; } = "";
    public long MergedAtMs { get; set; }
    public string Plan { get; set; } = "{}";

    public static RecordMergeRow From(RecordMerge m) => new()
    {
        MergeId = m.MergeId,
        PairKey = m.Pair.Key,
        SurvivorNumber = m.SurvivorNumber,
        MergedAwayNumber = m.MergedAwayNumber,
        RequestId = m.RequestId,
        ConfirmedBy = m.ConfirmedBy,
        MergedAtMs = m.MergedAt.ToUnixTimeMilliseconds(),
        Plan = JsonSerializer.Serialize(new StoredPlan(m.Sources, m.ServicesMoved), StorageJson.Options),
    };

    public RecordMerge ToMerge()
    {
        var plan = JsonSerializer.Deserialize<StoredPlan>(Plan, StorageJson.Options)!;
        return new(MergeId, RecordPair.Of(SurvivorNumber, MergedAwayNumber), SurvivorNumber, MergedAwayNumber, RequestId, ConfirmedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(MergedAtMs), plan.Sources, plan.ServicesMoved);
    }

    private sealed record StoredPlan(IReadOnlyList<MergedField> Sources, int ServicesMoved);
}
