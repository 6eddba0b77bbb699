using Dapper;
using HealthRecords.Grains.Feed;

namespace HealthRecords.Storage.District;

/// <summary>An event of the city's log for this district, as received: the event to apply and its wire message, kept for watchers.</summary>
public sealed record ReceivedEvent(long Sequence, DistrictFeedEvent Event, byte[] Payload);

/// <summary>An applied event as the district keeps it: the city's sequence number and wire message.</summary>
public sealed record AppliedEvent(long Sequence, byte[] Payload);

/// <summary>An event that does not follow the last applied one: applying it could skip a change (R-CN-2).</summary>
public sealed class FeedGapException(long position, long sequence)
    : Exception($"The city's event {sequence} does not follow the last applied event {position}; nothing was applied.")
{
    public long Position { get; } = position;
    public long Sequence { get; } = sequence;
}

/// <summary>
/// The district's side of the city's event log: its position (the last applied sequence number) and
/// the applied events, which district IT and clinics watch. Events are applied to the index and the
/// position advances in one transaction, so after a crash the district resumes exactly after the last
/// event it applied: no gaps, no repeats. The clock stamps what the district received when (R-OS-3).
/// </summary>
public sealed class DistrictFeed(Database database, TimeProvider clock)
{
    private readonly CommitSignal _applied = new();

    public async Task<long> PositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT last_sequence FROM feed_position WHERE id = 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the events in order in one transaction. Throws <see cref="FeedGapException"/>, applying
    /// nothing, unless each event's sequence is exactly one more than the last applied.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return;
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var position = await connection.ExecuteScalarAsync<long>("SELECT last_sequence FROM feed_position WHERE id = 1", transaction: tx).ConfigureAwait(false);
        var appliedAt = clock.GetUtcNow();
        foreach (var e in events)
        {
            if (e.Sequence != position + 1)
                throw new FeedGapException(position, e.Sequence);
            var concerned = await FeedApplication.ApplyAsync(scope, e.Event, appliedAt).ConfigureAwait(false);
            await connection.ExecuteAsync("""
                INSERT INTO district_feed (sequence, kind, occurred_at_ms, payload) VALUES (@Sequence, @kind, @at, @Payload)
                """, new { e.Sequence, kind = e.Event.GetType().Name, at = e.Event.OccurredAt.ToUnixTimeMilliseconds(), e.Payload }, tx).ConfigureAwait(false);
            foreach (var institution in concerned)
                await connection.ExecuteAsync("INSERT INTO district_feed_institutions (institution_code, sequence) VALUES (@institution, @Sequence)",
                    new { institution, e.Sequence }, tx).ConfigureAwait(false);
            position = e.Sequence;
        }
        await connection.ExecuteAsync("UPDATE feed_position SET last_sequence = @position WHERE id = 1", new { position }, tx).ConfigureAwait(false);
        scope.AfterCommit(() => _applied.Notify());
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applied events after <paramref name="afterSequence"/>, oldest first: all, or those concerning one clinic.</summary>
    public async Task<IReadOnlyList<AppliedEvent>> ReadAfterAsync(string? institutionCode, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = institutionCode is null
            ? "SELECT sequence, payload FROM district_feed WHERE sequence > @afterSequence ORDER BY sequence LIMIT @limit"
            : """
              SELECT f.sequence, f.payload FROM district_feed_institutions i JOIN district_feed f ON f.sequence = i.sequence
              WHERE i.institution_code = @institutionCode AND i.sequence > @afterSequence
              ORDER BY i.sequence LIMIT @limit
              """;
        var rows = await connection.QueryAsync<(long, byte[])>(new CommandDefinition(sql, new { institutionCode, afterSequence, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new AppliedEvent(r.Item1, r.Item2)).ToList();
    }

    /// <summary>Completes when this process next commits applied events.</summary>
    public Task AppliedAsync() => _applied.NextAsync();
}
