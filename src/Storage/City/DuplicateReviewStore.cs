using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Merging;

namespace HealthRecords.Storage.City;

/// <summary>A pair of the review queue as stored: its fold, where it was found, and its version for optimistic writes.</summary>
public sealed record QueuedDuplicate(DuplicateReview Review, string Source, long Version);

/// <summary>
/// The city's duplicate review queue (R-ID-1, R-MG): one row per unordered pair, the fold of the
/// pair's events, and the events themselves. A pair once in the queue, whatever became of it, is
/// never proposed again: that is how "not a duplicate" sticks (<see cref="DuplicateReviewDecider"/>).
/// </summary>
public sealed class DuplicateReviewStore(Database database)
{
    /// <summary>
    /// Puts each candidate not yet in the queue into it, inside the caller's transaction (an import
    /// batch, a re-keying); returns the ones newly proposed. <paramref name="source"/> says where the
    /// pair was found, e.g. <c>enrollment</c>, <c>rekey</c>, <c>import:IMPORT_ID</c>.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> ProposeAsync(
        WriteScope scope, IReadOnlyCollection<DuplicateCandidate> candidates, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var proposed = new List<DuplicateCandidate>();
        foreach (var candidate in candidates)
        {
            if (!candidate.Match.IsCandidate)
                continue;
            var e = new DuplicateProposed(now, candidate.Pair, candidate.Match);
            var inserted = await scope.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO duplicate_reviews (pair_key, first_number, second_number, status, likelihood, evidence, source, proposed_at_ms, version)
                VALUES (@key, @first, @second, @status, @likelihood, @evidence, @source, @at, 1)
                ON CONFLICT (pair_key) DO NOTHING
                """,
                new
                {
                    key = candidate.Pair.Key, first = candidate.Pair.First, second = candidate.Pair.Second,
                    status = (int)DuplicateReviewStatus.Proposed, likelihood = (int)candidate.Match.Likelihood,
                    evidence = (int)candidate.Match.Evidence, source, at = now.ToUnixTimeMilliseconds(),
                }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted == 0)
                continue; // already queued, merged or dismissed
            await InsertEventAsync(scope, candidate.Pair, 1, e, cancellationToken).ConfigureAwait(false);
            proposed.Add(candidate);
        }
        return proposed;
    }

    /// <summary>As above in a transaction of its own.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> ProposeAsync(
        IReadOnlyCollection<DuplicateCandidate> candidates, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var proposed = await ProposeAsync(scope, candidates, source, now, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return proposed;
    }

    /// <summary>
    /// Applies the pair's next events iff its stored version is still <paramref name="expected"/>'s,
    /// inside the caller's transaction (a merge changes the records in the same one). False means
    /// another administrator decided first; read again and decide again.
    /// </summary>
    public async Task<bool> TryAppendAsync(WriteScope scope, QueuedDuplicate expected, IReadOnlyList<DuplicateReviewEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return true;
        var review = events.Aggregate(expected.Review, (r, e) => r.Apply(e));
        var version = expected.Version + events.Count;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE duplicate_reviews SET status = @status, conflicts = @conflicts, decided_by = @decidedBy, decided_at_ms = @decidedAt,
                reason = @reason, survivor_number = @survivor, version = @version
            WHERE pair_key = @key AND version = @expected
            """,
            new
            {
                status = (int)review.Status,
                conflicts = review.Conflicts.Count == 0 ? null : JsonSerializer.Serialize(review.Conflicts, StorageJson.Options),
                decidedBy = review.DecidedBy,
                decidedAt = review.DecidedAt?.ToUnixTimeMilliseconds(),
                reason = review.Reason,
                survivor = review.SurvivorNumber,
                version,
                key = review.Pair.Key,
                expected = expected.Version,
            }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated != 1)
            return false;
        var v = expected.Version;
        foreach (var e in events)
            await InsertEventAsync(scope, review.Pair, ++v, e, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>As above in a transaction of its own (a blocked merge changes only the pair).</summary>
    public async Task<bool> TryAppendAsync(QueuedDuplicate expected, IReadOnlyList<DuplicateReviewEvent> events, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        if (!await TryAppendAsync(scope, expected, events, cancellationToken).ConfigureAwait(false))
            return false;
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<QueuedDuplicate?> GetAsync(RecordPair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DuplicateReviewRow>(new CommandDefinition(
            $"SELECT {DuplicateReviewRow.Columns} FROM duplicate_reviews WHERE pair_key = @key", new { key = pair.Key },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToQueued();
    }

    /// <summary>
    /// The queue in the order pairs were proposed, after the key (<paramref name="afterProposedAtMs"/>,
    /// <paramref name="afterPairKey"/>); optionally of one status, one record, or pairs found by one source.
    /// </summary>
    public async Task<IReadOnlyList<QueuedDuplicate>> ListAsync(
        DuplicateReviewStatus? status, string? recordNumber, string? source, long afterProposedAtMs, string afterPairKey, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DuplicateReviewRow>(new CommandDefinition($"""
            SELECT {DuplicateReviewRow.Columns} FROM duplicate_reviews
            WHERE (@status IS NULL OR status = @status)
              AND (@recordNumber IS NULL OR first_number = @recordNumber OR second_number = @recordNumber)
              AND (@source IS NULL OR source = @source)
              AND (proposed_at_ms > @afterAt OR (proposed_at_ms = @afterAt AND pair_key > @afterKey))
            ORDER BY proposed_at_ms, pair_key LIMIT @limit
            """,
            new { status = (int?)status, recordNumber, source, afterAt = afterProposedAtMs, afterKey = afterPairKey, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToQueued()).ToList();
    }

    /// <summary>The pair's events, oldest first: what was decided, when and by whom.</summary>
    public async Task<IReadOnlyList<DuplicateReviewEvent>> ReadEventsAsync(RecordPair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Type, string Payload)>(new CommandDefinition(
            "SELECT event_type, payload FROM duplicate_review_events WHERE pair_key = @key ORDER BY version", new { key = pair.Key },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => DuplicateReviewPayloads.Deserialize(r.Type, r.Payload)).ToList();
    }

    /// <summary>Of <paramref name="pairs"/>, the ones an administrator dismissed as "not a duplicate".</summary>
    public async Task<IReadOnlySet<string>> DismissedAmongAsync(IReadOnlyCollection<RecordPair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
            return new HashSet<string>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (oneOf, keys) = database.OneOf("pair_key", "keys", pairs.Select(p => p.Key));
        var dismissed = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT pair_key FROM duplicate_reviews WHERE status = {(int)DuplicateReviewStatus.Dismissed} AND {oneOf}",
            new { keys }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return dismissed.ToHashSet(StringComparer.Ordinal);
    }

    private static Task InsertEventAsync(WriteScope scope, RecordPair pair, long version, DuplicateReviewEvent e, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO duplicate_review_events (pair_key, version, event_type, payload, occurred_at_ms)
            VALUES (@key, @version, @type, @payload, @at)
            """,
            new { key = pair.Key, version, type = e.GetType().Name, payload = DuplicateReviewPayloads.Serialize(e), at = e.OccurredAt.ToUnixTimeMilliseconds() },
            scope.Transaction, cancellationToken: cancellationToken));
}
