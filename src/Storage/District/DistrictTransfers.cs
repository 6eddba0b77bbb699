using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Transfers;

namespace HealthRecords.Storage.District;

/// <summary>
/// The district's copy of the transfers of its clinics (R-TR-2, R-TR-3), as the city's
/// <c>transfer_changed</c> events tell them; written only by applying those events
/// (<see cref="FeedApplication"/>). The city decides; this is what district IT and the inboxes read.
/// </summary>
public sealed class DistrictTransfers(Database database)
{
    private const string Columns = "payload";

    public async Task<Transfer?> GetAsync(string transferId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payload = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT {Columns} FROM district_transfers WHERE transfer_id = @transferId", new { transferId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payload is null ? null : Parse(payload);
    }

    /// <summary>
    /// Transfers where <paramref name="institutionCode"/> is the owner or the prospective owner (null:
    /// every transfer here), optionally in one state; newest first by request time, then transfer id.
    /// </summary>
    public async Task<IReadOnlyList<Transfer>> ListAsync(string? institutionCode, TransferState? state, TimedPageKey? after, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT {Columns} FROM district_transfers
            WHERE (@institutionCode IS NULL OR from_institution = @institutionCode OR to_institution = @institutionCode)
              AND (@state = 0 OR state = @state)
              AND (@afterAt IS NULL OR requested_at_ms < @afterAt OR (requested_at_ms = @afterAt AND transfer_id < @afterId))
            ORDER BY requested_at_ms DESC, transfer_id DESC LIMIT @limit
            """, new { institutionCode, state = (long)(state ?? 0), afterAt = after?.AtMs, afterId = after?.Id ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payloads.Select(Parse).ToList();
    }

    /// <summary>
    /// R-TR-2: what waits at one clinic: pending transfers it must answer and pending ones it asked
    /// for; the oldest deadline first, then transfer id.
    /// </summary>
    public async Task<IReadOnlyList<Transfer>> InboxAsync(string institutionCode, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT {Columns} FROM district_transfers
            WHERE state = @pending AND (answering_institution = @institutionCode OR requested_by = @institutionCode)
              AND (@afterAt IS NULL OR due_at_ms > @afterAt OR (due_at_ms = @afterAt AND transfer_id > @afterId))
            ORDER BY due_at_ms, transfer_id LIMIT @limit
            """, new { institutionCode, pending = (long)TransferState.Pending, afterAt = after?.AtMs, afterId = after?.Id ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payloads.Select(Parse).ToList();
    }

    /// <summary>
    /// Applies a transfer_changed event inside the feed's transaction. Events come in order and once
    /// each; a transfer that is no longer pending is final, so nothing overwrites it.
    /// </summary>
    internal static Task UpsertAsync(WriteScope scope, Transfer t, DateTimeOffset occurredAt) =>
        scope.Connection.ExecuteAsync("""
            INSERT INTO district_transfers (transfer_id, record_number, from_institution, to_institution, answering_institution,
                requested_by, state, requested_at_ms, due_at_ms, updated_at_ms, payload)
            VALUES (@TransferId, @RecordNumber, @FromInstitution, @ToInstitution, @AnsweringInstitution,
                @RequestedByInstitution, @state, @requestedAt, @dueAt, @updatedAt, @payload)
            ON CONFLICT (transfer_id) DO UPDATE SET
                state = excluded.state, due_at_ms = excluded.due_at_ms, updated_at_ms = excluded.updated_at_ms, payload = excluded.payload
            WHERE district_transfers.state = @pending
            """, new
        {
            t.TransferId, t.RecordNumber, t.FromInstitution, t.ToInstitution, t.AnsweringInstitution, t.RequestedByInstitution,
            state = (long)t.State,
            pending = (long)TransferState.Pending,
            requestedAt = t.RequestedAt.ToUnixTimeMilliseconds(),
            dueAt = t.DueAt.ToUnixTimeMilliseconds(),
            updatedAt = occurredAt.ToUnixTimeMilliseconds(),
            payload = JsonSerializer.Serialize(t, StorageJson.Options),
        }, scope.Transaction);

    private static Transfer Parse(string payload) => JsonSerializer.Deserialize<Transfer>(payload, StorageJson.Options)!;
}
