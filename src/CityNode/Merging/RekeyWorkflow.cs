using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode.Merging;

/// <summary>What re-keying came to: the record with its new key, or the pair queued because the ID number is enrolled elsewhere.</summary>
public abstract record RekeyOutcome
{
    public sealed record Rekeyed(RecordState Record) : RekeyOutcome;

    public sealed record Queued(RecordState Existing, RecordPair Pair) : RekeyOutcome;
}

/// <summary>
/// R-ID-3 at the city: looks up the ID number's existing record, lets <see cref="RekeyDecider"/> decide on
/// the newborn's record (the look-up is repeated on every attempt, after the record), and either applies
/// the re-keying or puts the pair in the review queue (source <c>rekey</c>) in a committed transaction.
/// </summary>
public sealed class RekeyWorkflow(RecordGrains grains, DuplicateReviewStore reviews, TimeProvider clock)
{
    public const string Source = "rekey";

    public async Task<RekeyOutcome> RekeyAsync(RecordNumber number, RekeyIdentity command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        RekeyDecision.ToMergeQueue? queued = null;
        RecordState? existing = null;
        var record = await grains.ExecuteOnceAsync(number, command.RequestId, async (state, now, ct) =>
        {
            // An unreadable number finds nothing here; the decider names the field.
            existing = CitizenIdNumber.TryParse(command.IdNumber, CityTime.DateOf(now), out var id, out _)
                ? await grains.FindAsync(IdentityKey.For(id), ct).ConfigureAwait(false)
                : null;
            switch (RekeyDecider.Decide(state, command, existing, now))
            {
                case RekeyDecision.Rekeyed rekeyed:
                    queued = null;
                    return rekeyed.Events;
                case RekeyDecision.ToMergeQueue toQueue:
                    queued = toQueue;
                    return [];
                default:
                    throw new InvalidOperationException("Unknown re-keying decision.");
            }
        }, cancellationToken).ConfigureAwait(false);
        if (queued is null)
            return new RekeyOutcome.Rekeyed(record);
        await reviews.ProposeAsync([queued.Candidate], Source, clock.UtcNowMs(), cancellationToken).ConfigureAwait(false);
        return new RekeyOutcome.Queued(existing!, queued.Candidate.Pair);
    }
}
