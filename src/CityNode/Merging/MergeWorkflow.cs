using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode.Merging;

/// <summary>
/// An administrator's "merge" of a queued pair (R-MG-1..3): reads the pair, both records and their
/// services, lets <see cref="MergeDecider"/> and <see cref="DuplicateReviewDecider"/> decide, and
/// commits the whole merge in one transaction; a version check lost to another writer decides again.
/// </summary>
public sealed class MergeWorkflow(DuplicateReviewStore reviews, RecordMergeStore merges, SqlRecordStore records, ServiceRecordStore services, TimeProvider clock)
{
    private const int MaxAttempts = 20;
    private const int ServicePage = 500;

    /// <summary>
    /// The merge committed for the pair; a repeat (any request id once the pair is merged) returns it.
    /// A blocked merge keeps its conflicts on the pair and is refused naming R-MG-2.
    /// </summary>
    public async Task<RecordMerge> ConfirmAsync(RecordPair pair, string confirmedBy, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var queued = await reviews.GetAsync(pair, cancellationToken).ConfigureAwait(false);
            if (queued?.Review.Status == DuplicateReviewStatus.Merged)
                return await merges.FindByPairAsync(pair, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Pair {pair} is merged but its merge is not stored.");
            var a = await SideAsync(pair.First, cancellationToken).ConfigureAwait(false);
            var b = await SideAsync(pair.Second, cancellationToken).ConfigureAwait(false);
            var now = clock.UtcNowMs();
            var decision = MergeDecider.Decide(a, b, new MergeRecords(requestId, confirmedBy), now);
            var events = DuplicateReviewDecider.Decide(queued?.Review, new ConfirmDuplicate(pair, confirmedBy), decision, now);
            switch (decision)
            {
                case MergeDecision.Blocked blocked:
                    if (await reviews.TryAppendAsync(queued!, events, cancellationToken).ConfigureAwait(false))
                        throw Blocked(blocked);
                    break;
                case MergeDecision.Merge merge:
                    var (survivor, mergedAway) = merge.Plan.SurvivorNumber == a.Number ? (a.Record, b.Record) : (b.Record, a.Record);
                    var committed = await merges.TryMergeAsync(
                        new MergeWrite(queued!, events, merge, survivor, mergedAway, $"mg-{Guid.NewGuid():N}"), cancellationToken).ConfigureAwait(false);
                    if (committed is not null)
                        return committed;
                    break;
            }
        }
        throw new InvalidOperationException($"Pair {pair} stayed contended for {MaxAttempts} attempts.");
    }

    /// <summary>"Not a duplicate" (R-ID-1): the pair as dismissed, a repeat included; null when the pair was never queued.</summary>
    public async Task<QueuedDuplicate?> DismissAsync(RecordPair pair, string dismissedBy, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await reviews.GetAsync(pair, cancellationToken).ConfigureAwait(false) is not { } queued)
                return null;
            var events = DuplicateReviewDecider.Decide(queued.Review, new DismissDuplicate(pair, dismissedBy, reason), clock.UtcNowMs());
            if (await reviews.TryAppendAsync(queued, events, cancellationToken).ConfigureAwait(false))
                return await reviews.GetAsync(pair, cancellationToken).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"Pair {pair} stayed contended for {MaxAttempts} attempts.");
    }

    private async Task<MergeSide> SideAsync(string number, CancellationToken cancellationToken)
    {
        var recordNumber = RecordNumber.Parse(number);
        var record = await records.GetAsync(recordNumber, cancellationToken).ConfigureAwait(false) ?? throw new RecordNotFoundException(recordNumber);
        var timeline = new List<ServiceRecord>();
        string? after = null;
        while (true)
        {
            var page = await services.ListForRecordAsync(number, after, ServicePage, cancellationToken).ConfigureAwait(false);
            timeline.AddRange(page);
            if (page.Count < ServicePage)
                return new MergeSide(record, timeline);
            after = ServiceRecordStore.PageKey(page[^1]);
        }
    }

    // R-MG-2: contradictions go to the owning clinic; the values are shown as the queue keeps them (ID numbers masked).
    private static DomainRuleViolation Blocked(MergeDecision.Blocked blocked)
    {
        var fields = string.Join("; ", blocked.Conflicts.Select(c => $"{c.Field}: {c.SurvivorValue} ≠ {c.MergedAwayValue}"));
        var details = new Dictionary<string, string> { ["pair_key"] = blocked.Pair.Key, ["conflicting_fields"] = string.Join(",", blocked.Conflicts.Select(c => c.Field)) };
        foreach (var c in blocked.Conflicts)
            details[c.Field] = string.Create(CultureInfo.InvariantCulture, $"{c.SurvivorValue} ≠ {c.MergedAwayValue}");
        return new DomainRuleViolation("R-MG-2", blocked.Pair.Key,
            $"The records of pair {blocked.Pair} contradict each other ({fields}); the owning clinic must verify with the resident before they can be merged.",
            details, "DUPLICATE_RECORDS_CONTRADICT");
    }
}
