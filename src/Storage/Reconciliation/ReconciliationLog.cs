using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Reconciliation;

namespace HealthRecords.Storage.Reconciliation;

/// <summary>R-CN-2: every reconciliation run with its findings, kept so that administrators see the history.</summary>
public sealed class ReconciliationLog(Database database)
{
    /// <summary>Stores a finished run and its findings in one transaction.</summary>
    public async Task SaveAsync(ReconciliationRun run, IReadOnlyList<RecordFinding> findings, string? requestId, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reconciliation_runs (run_id, request_id, trigger_kind, requested_by, started_at_ms, finished_at_ms, outcome, finding_count, payload)
            VALUES (@Id, @requestId, @trigger, @RequestedBy, @started, @finished, @outcome, @FindingCount, @payload)
            """, new
            {
                run.Id, requestId, trigger = (int)run.Trigger, run.RequestedBy, started = run.StartedAt.ToUnixTimeMilliseconds(),
                finished = run.FinishedAt.ToUnixTimeMilliseconds(), outcome = (int)run.Outcome, run.FindingCount,
                payload = JsonSerializer.Serialize(run.Districts, StorageJson.Options),
            }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reconciliation_findings (run_id, district_code, record_number, kind, payload) VALUES (@runId, @DistrictCode, @RecordNumber, @kind, @payload)
            """, findings.Select(f => new { runId = run.Id, f.DistrictCode, f.RecordNumber, kind = (int)f.Kind, payload = JsonSerializer.Serialize(f, StorageJson.Options) }),
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<ReconciliationRun?> GetAsync(string runId, CancellationToken cancellationToken) =>
        SingleAsync("run_id = @runId", new { runId }, cancellationToken);

    /// <summary>The run a request id started, for an idempotent repeat.</summary>
    public Task<ReconciliationRun?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        SingleAsync("request_id = @requestId", new { requestId }, cancellationToken);

    /// <summary>Newest first, starting after <paramref name="after"/> (started at, run id).</summary>
    public async Task<IReadOnlyList<ReconciliationRun>> ListAsync(TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition($"""
            SELECT {RunRow.Columns} FROM reconciliation_runs
            WHERE @afterMs IS NULL OR started_at_ms < @afterMs OR (started_at_ms = @afterMs AND run_id < @afterId)
            ORDER BY started_at_ms DESC, run_id DESC LIMIT @limit
            """, new { afterMs = after?.AtMs, afterId = after?.Id ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRun()).ToList();
    }

    /// <summary>A run's findings by district then record number, after (district, record number).</summary>
    public async Task<IReadOnlyList<StoredFinding>> FindingsAsync(string runId, string? districtCode, (string District, string Record)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, string?)>(new CommandDefinition("""
            SELECT payload, repair_id FROM reconciliation_findings
            WHERE run_id = @runId AND (@districtCode IS NULL OR district_code = @districtCode)
              AND (district_code > @afterDistrict OR (district_code = @afterDistrict AND record_number > @afterRecord))
            ORDER BY district_code, record_number LIMIT @limit
            """, new { runId, districtCode, afterDistrict = after?.District ?? "", afterRecord = after?.Record ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StoredFinding(runId, JsonSerializer.Deserialize<RecordFinding>(r.Item1, StorageJson.Options)!, r.Item2)).ToList();
    }

    private async Task<ReconciliationRun?> SingleAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunRow.Columns} FROM reconciliation_runs WHERE {where}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRun();
    }

    private sealed class RunRow
    {
        public const string Columns = "run_id, trigger_kind, requested_by, started_at_ms, finished_at_ms, payload";

        public string RunId { get; set; } = "";
        public long TriggerKind { get; set; }
        public string RequestedBy { get; set; } = "";
        public long StartedAtMs { get; set; }
        public long FinishedAtMs { get; set; }
        public string Payload { get; set; } = "";

        public ReconciliationRun ToRun() => new(RunId, (ReconciliationTrigger)TriggerKind, RequestedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(StartedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(FinishedAtMs),
            JsonSerializer.Deserialize<List<DistrictReconciliation>>(Payload, StorageJson.Options)!);
    }
}

/// <summary>A finding as stored with its run, and the repair made of it if any.</summary>
public sealed record StoredFinding(string RunId, RecordFinding Finding, string? RepairId);
