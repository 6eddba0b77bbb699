using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Reconciliation;

/// <summary>
/// R-CN-2: repairs of a district's index from the city's facts. A repair appends the city's entry to the
/// district's event log, logs itself and marks the finding, all in one transaction; the district applies
/// it like any event, so a district that is down gets it when it comes back.
/// </summary>
public sealed class IndexRepairLog(Database database, DistrictEventLog districtLogs, Security.IdentityProtector protector)
{
    /// <summary>Repairs one finding, or returns the repair already made of it (a repeat).</summary>
    public async Task<IndexRepair> RepairAsync(StoredFinding stored, string requestId, string requestedBy, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var finding = stored.Finding;
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var existing = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT payload FROM index_repairs WHERE run_id = @RunId AND district_code = @DistrictCode AND record_number = @RecordNumber",
            new { stored.RunId, finding.DistrictCode, finding.RecordNumber }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing is not null)
            return JsonSerializer.Deserialize<IndexRepair>(existing, StorageJson.Options)!;
        // Locked so that no change of the record commits between reading it and queueing it behind its own events.
        var lockClause = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
        var row = await connection.QuerySingleOrDefaultAsync<RecordRow>(new CommandDefinition(
            $"SELECT {RecordRow.Columns} FROM records WHERE record_number = @RecordNumber{lockClause}", new { finding.RecordNumber }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var (repair, e) = IndexRepair.Decide(Guid.NewGuid().ToString("N"), finding, stored.RunId,
            row is null ? null : IndexEntry.Of(row.ToState(protector)), requestedBy, reason, now);
        var sequence = await districtLogs.AppendAsync(scope, finding.DistrictCode, e, cancellationToken).ConfigureAwait(false);
        repair = repair with { DistrictSequence = sequence };
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO index_repairs (repair_id, run_id, district_code, record_number, request_id, repaired_at_ms, district_sequence, payload)
            VALUES (@RepairId, @ReconciliationId, @DistrictCode, @RecordNumber, @requestId, @at, @DistrictSequence, @payload)
            """, new
            {
                repair.RepairId, repair.ReconciliationId, repair.DistrictCode, repair.RecordNumber, requestId,
                at = now.ToUnixTimeMilliseconds(), repair.DistrictSequence, payload = JsonSerializer.Serialize(repair, StorageJson.Options),
            }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reconciliation_findings SET repair_id = @RepairId WHERE run_id = @ReconciliationId AND district_code = @DistrictCode AND record_number = @RecordNumber",
            new { repair.RepairId, repair.ReconciliationId, repair.DistrictCode, repair.RecordNumber }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return repair;
    }

    /// <summary>Newest first, of one run or (null) all.</summary>
    public async Task<IReadOnlyList<IndexRepair>> ListAsync(string? runId, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT payload FROM index_repairs
            WHERE (@runId IS NULL OR run_id = @runId)
              AND (@afterMs IS NULL OR repaired_at_ms < @afterMs OR (repaired_at_ms = @afterMs AND repair_id < @afterId))
            ORDER BY repaired_at_ms DESC, repair_id DESC LIMIT @limit
            """, new { runId, afterMs = after?.AtMs, afterId = after?.Id ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(p => JsonSerializer.Deserialize<IndexRepair>(p, StorageJson.Options)!).ToList();
    }
}
