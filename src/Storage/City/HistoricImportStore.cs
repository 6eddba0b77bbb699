using Dapper;
using HealthRecords.Grains.Import;

namespace HealthRecords.Storage.City;

/// <summary>A committed batch's answers, in the order the records came, and the import after it.</summary>
public sealed record ImportBatchResult(IReadOnlyList<HistoricImportItem> Items, HistoricImport Import);

/// <summary>
/// Historic imports (issue 8): the imports themselves and each answered item. A batch commits in
/// one transaction (<see cref="ImportBatchWriter"/>), so a crash loses nothing acknowledged and a
/// resumed stream finds every committed item answered.
/// </summary>
public sealed class HistoricImportStore(Database database, ImportBatchWriter writer)
{
    // PostgreSQL: a concurrent enrollment may take an identity between the batch's read and its insert.
    private const int Attempts = 3;

    /// <summary>Starts an import, or returns it as stored when the client reconnects with its id (<see cref="HistoricImportDecider.Start"/>).</summary>
    public async Task<HistoricImport> StartAsync(string importId, string districtCode, string startedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var existing = await ReadAsync(scope.Connection, scope.Transaction, importId, cancellationToken).ConfigureAwait(false);
        var import = HistoricImportDecider.Start(existing, importId, districtCode, startedBy, now);
        if (existing is null)
            await scope.Connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO historic_imports ({HistoricImportRow.Columns})
                VALUES (@ImportId, @DistrictCode, @StartedBy, @state, 0, 0, 0, 0, 0, 0, @at, NULL)
                """,
                new { import.ImportId, import.DistrictCode, import.StartedBy, state = (int)import.State, at = now.ToUnixTimeMilliseconds() },
                scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return import;
    }

    /// <summary>
    /// Commits one batch: <paramref name="valid"/> records enter (imported or held), <paramref name="rejected"/>
    /// ones are recorded; items already answered are answered as stored and not imported again.
    /// </summary>
    public async Task<ImportBatchResult> CommitBatchAsync(string importId, IReadOnlyList<HistoricRecord> valid, IReadOnlyList<HistoricImportItem> rejected,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
                var result = await writer.WriteAsync(scope, importId, valid, rejected, now, cancellationToken).ConfigureAwait(false);
                await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex) when (attempt < Attempts && database.IsUniqueViolation(ex))
            {
                // R-ID-1: read again; the identity enrolled meanwhile now holds the imported record for review.
            }
        }
    }

    /// <summary>The client said the last batch was sent.</summary>
    public async Task<HistoricImport?> CompleteAsync(string importId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE historic_imports SET state = @completed, finished_at_ms = COALESCE(finished_at_ms, @at) WHERE import_id = @importId",
            new { completed = (int)HistoricImportState.Completed, at = now.ToUnixTimeMilliseconds(), importId },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var import = await ReadAsync(scope.Connection, scope.Transaction, importId, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return import;
    }

    public async Task<HistoricImport?> GetAsync(string importId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, importId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports newest first, optionally of one district, after the page key.</summary>
    public async Task<IReadOnlyList<HistoricImport>> ListAsync(string? districtCode, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<HistoricImportRow>(new CommandDefinition($"""
            SELECT {HistoricImportRow.Columns} FROM historic_imports
            WHERE (@districtCode IS NULL OR district_code = @districtCode)
              AND (@afterMs IS NULL OR started_at_ms < @afterMs OR (started_at_ms = @afterMs AND import_id < @afterId))
            ORDER BY started_at_ms DESC, import_id DESC LIMIT @limit
            """, new { districtCode, afterMs = after?.AtMs, afterId = after?.Id, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    internal static async Task<HistoricImport?> ReadAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        string importId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<HistoricImportRow>(new CommandDefinition(
            $"SELECT {HistoricImportRow.Columns} FROM historic_imports WHERE import_id = @importId", new { importId },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDomain();
    }
}
