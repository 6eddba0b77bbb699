using Dapper;
using HealthRecords.Grains.Transfers;

namespace HealthRecords.Storage.City;

/// <summary>
/// Transfers one clinic must answer (R-TR-2): waiting now, of those already past their deadline (the
/// sweeper expires them shortly), the earliest deadline among them, and the ones that expired unanswered.
/// </summary>
public sealed record PendingTransfers(string InstitutionCode, long Pending, long PastDue, DateTimeOffset? NextDueAt, long Expired);

/// <summary>Figures the administrators' dashboard shows that no gRPC answer already gives.</summary>
public sealed class DashboardFigures(Database database)
{
    /// <summary>Per answering clinic that has any; the city's own decisions (R-TR-4) are nobody's to answer.</summary>
    public async Task<IReadOnlyList<PendingTransfers>> TransfersToAnswerAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Tuples, not the record's constructor: SQLite may type empty aggregates as BLOB (see YearWorkloads).
        var rows = await connection.QueryAsync<(string, long, long, long?, long)>(new CommandDefinition("""
            SELECT answering_institution,
                   SUM(CASE WHEN state = @pending THEN 1 ELSE 0 END),
                   SUM(CASE WHEN state = @pending AND due_at_ms < @now THEN 1 ELSE 0 END),
                   MIN(CASE WHEN state = @pending THEN due_at_ms END),
                   SUM(CASE WHEN state = @expired THEN 1 ELSE 0 END)
            FROM transfers
            WHERE city_authority = 0 AND state IN (@pending, @expired)
            GROUP BY answering_institution
            """, new { pending = (int)TransferState.Pending, expired = (int)TransferState.Expired, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new PendingTransfers(r.Item1, r.Item2, r.Item3,
            r.Item4 is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null, r.Item5)).ToList();
    }
}
