using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Feed;

namespace HealthRecords.Storage.City;

/// <summary>One entry of a district's log: its gapless sequence number and the event.</summary>
public sealed record DistrictLogEntry(long Sequence, DistrictFeedEvent Event);

/// <summary>
/// The city's durable, ordered event log per district (R-CN-2). Events are appended inside the
/// transaction of the change they report, so a district learns of exactly what the city committed.
/// Each district's head row hands out the next sequence number and stays locked until commit, so
/// sequences are gapless and become visible in order, also with several city processes on one
/// PostgreSQL database.
/// </summary>
public sealed class DistrictEventLog(Database database)
{
    private readonly CommitSignal _appended = new();

    public async Task<long> AppendAsync(WriteScope scope, string districtCode, DistrictFeedEvent e, CancellationToken cancellationToken = default)
    {
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var sequence = await AdvanceHeadAsync(scope, districtCode, 1, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO district_events (district_code, sequence, event_type, payload, occurred_at_ms)
            VALUES (@districtCode, @sequence, @type, @payload, @at)
            """,
            new
            {
                districtCode,
                sequence,
                type = e.GetType().Name,
                payload = JsonSerializer.Serialize(e, StorageJson.Options),
                at = e.OccurredAt.ToUnixTimeMilliseconds(),
            }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        scope.AfterCommit(() => _appended.Notify(districtCode));
        return sequence;
    }

    /// <summary>
    /// Appends many events to one district's log at once (a historic import's batch): the head moves
    /// by their count in one statement and the events go in as one batch, in the given order.
    /// </summary>
    public async Task AppendManyAsync(WriteScope scope, string districtCode, IReadOnlyList<DistrictFeedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return;
        var first = await AdvanceHeadAsync(scope, districtCode, events.Count, cancellationToken).ConfigureAwait(false) - events.Count + 1;
        await AppendRows.ExecuteAsync(scope, events.Select((e, i) => (districtCode, first + i, e)).ToList(), cancellationToken).ConfigureAwait(false);
        scope.AfterCommit(() => _appended.Notify(districtCode));
    }

    /// <summary>Moves the district's head by <paramref name="count"/>; the row stays locked until commit. Returns the new last sequence.</summary>
    private static async Task<long> AdvanceHeadAsync(WriteScope scope, string districtCode, int count, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO district_event_heads (district_code, last_sequence) VALUES (@districtCode, 0) ON CONFLICT (district_code) DO NOTHING",
            new { districtCode }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE district_event_heads SET last_sequence = last_sequence + @count WHERE district_code = @districtCode RETURNING last_sequence",
            new { districtCode, count }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static readonly BatchStatement<(string District, long Sequence, DistrictFeedEvent Event)> AppendRows =
        BatchStatement<(string District, long Sequence, DistrictFeedEvent Event)>.InsertIgnoringExisting("district_events", "district_code, sequence",
            new("district_code", BatchType.Text, r => r.District),
            new("sequence", BatchType.BigInt, r => r.Sequence),
            new("event_type", BatchType.Text, r => r.Event.GetType().Name),
            new("payload", BatchType.Text, r => JsonSerializer.Serialize(r.Event, StorageJson.Options)),
            new("occurred_at_ms", BatchType.BigInt, r => r.Event.OccurredAt.ToUnixTimeMilliseconds()));

    /// <summary>
    /// Appends to several districts' logs in district code order, so that concurrent writers lock the
    /// head rows in the same order and cannot deadlock; one district's events keep their given order.
    /// </summary>
    public async Task AppendAllAsync(WriteScope scope, IEnumerable<DistrictDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        foreach (var delivery in deliveries.OrderBy(d => d.DistrictCode, StringComparer.Ordinal))
            await AppendAsync(scope, delivery.DistrictCode, delivery.Event, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The district's events after <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<DistrictLogEntry>> ReadAfterAsync(string districtCode, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long, string)>(new CommandDefinition("""
            SELECT sequence, payload FROM district_events
            WHERE district_code = @districtCode AND sequence > @afterSequence
            ORDER BY sequence LIMIT @limit
            """, new { districtCode, afterSequence, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DistrictLogEntry(r.Item1, JsonSerializer.Deserialize<DistrictFeedEvent>(r.Item2, StorageJson.Options)!)).ToList();
    }

    /// <summary>The district's last sequence number; 0 while its log is empty.</summary>
    public async Task<long> HeadAsync(string districtCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_sequence FROM district_event_heads WHERE district_code = @districtCode", new { districtCode },
            cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
    }

    /// <summary>Completes when a transaction of this process that appended to the district's log has committed.</summary>
    public Task AppendedAsync(string districtCode) => _appended.NextAsync(districtCode);
}
