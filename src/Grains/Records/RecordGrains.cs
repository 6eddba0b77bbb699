using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Time;

namespace HealthRecords.Grains.Records;

/// <summary>
/// Runs commands against record grains: one command per record at a time in this process, and an
/// optimistic version check in storage so several city processes on one database stay correct.
/// </summary>
public sealed class RecordGrains(IRecordStore store, TimeProvider clock)
{
    private const int MaxAttempts = 20;
    // A survivor merged away later points on; chains are short, a cycle would be a bug.
    private const int MaxMergeHops = 16;
    private readonly KeyedAsyncLock _locks = new();

    public async Task<EnrollmentOutcome> EnrollAsync(EnrollResident command, CancellationToken cancellationToken)
    {
        // Enrollments of one identity queue here; across processes the unique key decides.
        using var held = await _locks.AcquireAsync(command.Identity.Value, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await FindAsync(command.Identity, cancellationToken).ConfigureAwait(false);
            switch (RecordDecider.DecideEnrollment(command, existing))
            {
                case EnrollmentDecision.Known known:
                    return known.Outcome;
                case EnrollmentDecision.Enroll enroll:
                    var created = await store.TryInsertAsync(command.ResidenceCommittee,
                        number => enroll.EventFor(number, clock.UtcNowMs()), cancellationToken).ConfigureAwait(false);
                    if (created is not null)
                        return new EnrollmentOutcome.Enrolled(created);
                    break; // R-ID-1: another process enrolled this identity first; read it and decide again.
            }
        }
        throw new InvalidOperationException($"Enrollment of {command.Identity.Display} did not settle after {MaxAttempts} attempts.");
    }

    /// <summary>Load, decide, apply, save with a version check; retried when another writer won.</summary>
    public Task<RecordState> ExecuteAsync(
        RecordNumber number,
        Func<RecordState, DateTimeOffset, IReadOnlyList<RecordEvent>> decide,
        CancellationToken cancellationToken) =>
        ExecuteAsync(number, (state, now, _) => Task.FromResult(decide(state, now)), cancellationToken);

    /// <summary>
    /// A command identified by <paramref name="requestId"/>: a repeat of one the record has applied,
    /// however long ago, changes nothing and returns the record as it is now.
    /// </summary>
    public Task<RecordState> ExecuteOnceAsync(
        RecordNumber number,
        string requestId,
        Func<RecordState, DateTimeOffset, CancellationToken, Task<IReadOnlyList<RecordEvent>>> decide,
        CancellationToken cancellationToken) =>
        ExecuteAsync(number, async (state, now, ct) =>
            requestId.Length > 0 && !state.HasApplied(requestId) && await store.WasAppliedAsync(number, requestId, ct).ConfigureAwait(false)
                ? []
                : await decide(state, now, ct).ConfigureAwait(false),
            cancellationToken);

    public Task<RecordState> ExecuteOnceAsync(
        RecordNumber number,
        string requestId,
        Func<RecordState, DateTimeOffset, IReadOnlyList<RecordEvent>> decide,
        CancellationToken cancellationToken) =>
        ExecuteOnceAsync(number, requestId, (state, now, _) => Task.FromResult(decide(state, now)), cancellationToken);

    /// <summary>
    /// As above, for decisions that read more than the record (a transfer, the last service date);
    /// whatever they read is read again on every attempt, after the record.
    /// </summary>
    public async Task<RecordState> ExecuteAsync(
        RecordNumber number,
        Func<RecordState, DateTimeOffset, CancellationToken, Task<IReadOnlyList<RecordEvent>>> decide,
        CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(number.Value, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await store.GetAsync(number, cancellationToken).ConfigureAwait(false)
                ?? throw new RecordNotFoundException(number);
            var events = await decide(state, clock.UtcNowMs(), cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
                return state;
            var next = state.ApplyAll(events);
            if (await store.TryAppendAsync(next, state.Version, events, cancellationToken).ConfigureAwait(false))
                return next;
        }
        throw new InvalidOperationException($"Record {number} stayed contended for {MaxAttempts} attempts.");
    }

    public Task<RecordState?> GetAsync(RecordNumber number, CancellationToken cancellationToken) =>
        store.GetAsync(number, cancellationToken);

    /// <summary>
    /// R-MG-3: the record a number stands for now — itself, or, once merged away, its survivor (following
    /// later merges of the survivor), so a look-up by an old number lands on the record kept.
    /// </summary>
    public async Task<RecordState?> GetCurrentAsync(RecordNumber number, CancellationToken cancellationToken) =>
        await SurvivorOfAsync(await store.GetAsync(number, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The record holding <paramref name="identity"/> now: the live one, or (R-MG-3) the survivor of a merged-away one.</summary>
    public async Task<RecordState?> FindAsync(IdentityKey identity, CancellationToken cancellationToken) =>
        await SurvivorOfAsync(await store.FindByIdentityAsync(identity, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<RecordState?> SurvivorOfAsync(RecordState? record, CancellationToken cancellationToken)
    {
        for (var hops = 0; record?.Lifecycle.MergedInto is { } survivor && hops < MaxMergeHops; hops++)
            record = await store.GetAsync(RecordNumber.Parse(survivor), cancellationToken).ConfigureAwait(false);
        return record;
    }
}

public sealed class RecordNotFoundException(RecordNumber number) : Exception($"No record {number}.")
{
    public RecordNumber Number { get; } = number;
}
