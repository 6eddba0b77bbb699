using Dapper;
using HealthRecords.Grains.Transfers;

namespace HealthRecords.Storage.City;

/// <summary>One clinic's answers as the party asked to confirm transfers (R-TR-2).</summary>
public sealed record TransferOutcomes(string InstitutionCode, long Pending, long Confirmed, long Refused, long Overdue);

/// <summary>
/// Reads the city's transfers (written with the record's events by <see cref="SqlRecordStore"/>):
/// one by id, lists for clinics and districts, the ones past their deadline, outcomes per clinic.
/// </summary>
public sealed class TransferStore(Database database)
{
    private const string Payload = "SELECT payload FROM transfers";

    public async Task<Transfer?> GetAsync(string transferId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payload = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"{Payload} WHERE transfer_id = @transferId", new { transferId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payload is null ? null : TransferRows.Read(payload);
    }

    /// <summary>R-TR-2: pending requests whose deadline has passed, oldest deadline first.</summary>
    public async Task<IReadOnlyList<Transfer>> PastDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await connection.QueryAsync<string>(new CommandDefinition(
            $"{Payload} WHERE state = @pending AND due_at_ms < @now ORDER BY due_at_ms LIMIT @limit",
            new { pending = (int)TransferState.Pending, now = now.ToUnixTimeMilliseconds(), limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payloads.Select(TransferRows.Read).ToList();
    }

    /// <summary>
    /// Transfers involving a clinic (either side) or, with no clinic, a district (either side); newest
    /// first, after the last one already seen.
    /// </summary>
    public async Task<IReadOnlyList<Transfer>> ListAsync(string? institutionCode, string districtCode, TransferState? state, TimedPageKey? after, int limit,
        CancellationToken cancellationToken)
    {
        var (afterMs, afterId) = after is null ? (long.MaxValue, "") : (after.AtMs, after.Id);
        var who = institutionCode is null
            ? "(from_district = @districtCode OR to_district = @districtCode)"
            : "(from_institution = @institutionCode OR to_institution = @institutionCode)";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await connection.QueryAsync<string>(new CommandDefinition($"""
            {Payload} WHERE {who}
              AND (@state IS NULL OR state = @state)
              AND (requested_at_ms < @afterMs OR (requested_at_ms = @afterMs AND transfer_id < @afterId))
            ORDER BY requested_at_ms DESC, transfer_id DESC LIMIT @limit
            """,
            new { institutionCode, districtCode, state = (int?)state, afterMs, afterId, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payloads.Select(TransferRows.Read).ToList();
    }

    /// <summary>R-TR-2: per answering clinic of the district, its pending, confirmed, refused and overdue requests; the city's own decisions (R-TR-4) are not the clinic's.</summary>
    public async Task<IReadOnlyList<TransferOutcomes>> OutcomesAsync(IReadOnlyCollection<string> institutionCodes, CancellationToken cancellationToken)
    {
        var (condition, value) = database.OneOf("answering_institution", "codes", institutionCodes);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long, long)>(new CommandDefinition($"""
            SELECT answering_institution, state, COUNT(*) FROM transfers
            WHERE {condition} AND city_authority = 0
            GROUP BY answering_institution, state
            """, new { codes = value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var counts = rows.ToLookup(r => r.Item1, r => ((TransferState)r.Item2, r.Item3));
        return institutionCodes.Select(code =>
        {
            var byState = counts[code].ToDictionary(c => c.Item1, c => c.Item2);
            long Of(TransferState s) => byState.GetValueOrDefault(s);
            return new TransferOutcomes(code, Of(TransferState.Pending), Of(TransferState.Completed), Of(TransferState.Rejected), Of(TransferState.Expired));
        }).ToList();
    }
}
