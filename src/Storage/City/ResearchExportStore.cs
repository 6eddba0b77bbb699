using System.Data.Common;
using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Research;
using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>
/// Research export requests, their decisions and, once approved, their de-identified rows (R-AC-4).
/// The rows are written in the approval's transaction; the pseudonym secret is never stored.
/// </summary>
public sealed class ResearchExportStore(Database database)
{
    public const string Sql = """
        CREATE TABLE research_exports (
            export_id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            purpose TEXT NOT NULL,
            intended_use INTEGER NOT NULL,
            scope TEXT NOT NULL,
            state INTEGER NOT NULL,
            requested_at_ms BIGINT NOT NULL,
            decided_by TEXT NULL,
            decided_at_ms BIGINT NULL,
            decision_reason TEXT NULL,
            row_count BIGINT NOT NULL,
            suppressed_count BIGINT NOT NULL,
            minimum_group_size INTEGER NOT NULL,
            UNIQUE (requested_by, request_id)
        );
        CREATE INDEX research_exports_requested ON research_exports (requested_at_ms, export_id);
        CREATE INDEX research_exports_requester ON research_exports (requested_by, requested_at_ms, export_id);
        CREATE TABLE research_export_rows (
            export_id TEXT NOT NULL,
            pseudonym TEXT NOT NULL,
            birth_year INTEGER NULL,
            sex INTEGER NOT NULL,
            district_code TEXT NOT NULL,
            status INTEGER NOT NULL,
            service_counts TEXT NOT NULL,
            PRIMARY KEY (export_id, pseudonym)
        );
        """;

    private const string Columns =
        "export_id, request_id, requested_by, purpose, CAST(intended_use AS BIGINT) AS intended_use, scope, CAST(state AS BIGINT) AS state, requested_at_ms, " +
        "decided_by, decided_at_ms, decision_reason, row_count, suppressed_count, CAST(minimum_group_size AS BIGINT) AS minimum_group_size";

    /// <summary>Stores a request; a repeated request id of the same researcher returns the export it made.</summary>
    public async Task<ResearchExport> AddAsync(ResearchExportRequested requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var export = ResearchExport.From(requested);
        try
        {
            await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
            if (await FindByRequestAsync(scope.Connection, scope.Transaction, requested.RequestedBy, requested.RequestId, cancellationToken).ConfigureAwait(false) is { } existing)
                return existing;
            await scope.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO research_exports (export_id, request_id, requested_by, purpose, intended_use, scope, state, requested_at_ms,
                    decided_by, decided_at_ms, decision_reason, row_count, suppressed_count, minimum_group_size)
                VALUES (@ExportId, @RequestId, @RequestedBy, @Purpose, @use, @scope, @state, @requestedAtMs, NULL, NULL, NULL, 0, 0, 0)
                """, new { export.ExportId, export.RequestId, export.RequestedBy, export.Purpose, use = (int)export.Use,
                    scope = JsonSerializer.Serialize(export.Scope, StorageJson.Options), state = (int)export.State,
                    requestedAtMs = export.RequestedAt.ToUnixTimeMilliseconds() },
                scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return export;
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            // The same request arrived twice at once: the first one's export stands.
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await FindByRequestAsync(connection, null, requested.RequestedBy, requested.RequestId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Export request {requested.RequestId} collided but is not stored.", ex);
        }
    }

    public async Task<ResearchExport?> GetAsync(string exportId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, exportId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exports newest first, of one requester or of all; after the page key <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<ResearchExport>> ListAsync(string? requestedBy, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ExportRow>(new CommandDefinition($"""
            SELECT {Columns} FROM research_exports
            WHERE (@requestedBy IS NULL OR requested_by = @requestedBy)
              AND (@afterMs IS NULL OR requested_at_ms < @afterMs OR (requested_at_ms = @afterMs AND export_id < @afterId))
            ORDER BY requested_at_ms DESC, export_id DESC LIMIT @limit
            """, new { requestedBy, afterMs = after?.AtMs, afterId = after?.Id, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// Decides an export inside one write transaction (the export is re-read there, so two decisions
    /// cannot both pass). <paramref name="decide"/> returns the decision's event, or null for a
    /// repeat; on approval the records in scope are read in the same transaction and
    /// <paramref name="snapshot"/> de-identifies them. Null when there is no such export.
    /// </summary>
    public async Task<ResearchExport?> DecideAsync(
        string exportId,
        Func<ResearchExport, ResearchExportEvent?> decide,
        Func<IReadOnlyList<ResearchSubject>, (ResearchExportSnapshotTaken Taken, IReadOnlyList<DeidentifiedRow> Rows)> snapshot,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var export = await GetAsync(scope.Connection, scope.Transaction, exportId, cancellationToken,
            database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "").ConfigureAwait(false);
        if (export is null)
            return null;
        if (decide(export) is not { } decided)
            return export;
        var after = export.Apply(decided);
        if (decided is ResearchExportApproved)
        {
            var subjects = await ResearchSubjects.InScopeAsync(database, scope, export.Scope, cancellationToken).ConfigureAwait(false);
            var (taken, rows) = snapshot(subjects);
            after = after.Apply(taken);
            await scope.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO research_export_rows (export_id, pseudonym, birth_year, sex, district_code, status, service_counts)
                VALUES (@exportId, @Pseudonym, @BirthYear, @sex, @DistrictCode, @status, @counts)
                """, rows.Select(r => new { exportId, r.Pseudonym, r.BirthYear, sex = (int)r.Sex, r.DistrictCode, status = (int)r.Status,
                    counts = JsonSerializer.Serialize(r.ServiceCounts.ToDictionary(c => (int)c.Key, c => c.Value), StorageJson.Options) }),
                scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE research_exports SET state = @state, decided_by = @DecidedBy, decided_at_ms = @decidedAtMs, decision_reason = @DecisionReason,
                row_count = @RowCount, suppressed_count = @SuppressedCount, minimum_group_size = @MinimumGroupSize
            WHERE export_id = @ExportId
            """, new { state = (int)after.State, after.DecidedBy, decidedAtMs = after.DecidedAt?.ToUnixTimeMilliseconds(), after.DecisionReason,
                after.RowCount, after.SuppressedCount, after.MinimumGroupSize, after.ExportId },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return after;
    }

    /// <summary>An approved export's rows by pseudonym, after <paramref name="afterPseudonym"/>.</summary>
    public async Task<IReadOnlyList<DeidentifiedRow>> RowsAsync(string exportId, string? afterPseudonym, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RowRow>(new CommandDefinition("""
            SELECT pseudonym, CAST(birth_year AS BIGINT) AS birth_year, CAST(sex AS BIGINT) AS sex, district_code, CAST(status AS BIGINT) AS status, service_counts
            FROM research_export_rows WHERE export_id = @exportId AND pseudonym > @after
            ORDER BY pseudonym LIMIT @limit
            """, new { exportId, after = afterPseudonym ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    private static async Task<ResearchExport?> GetAsync(DbConnection connection, DbTransaction? transaction, string exportId, CancellationToken cancellationToken, string lockClause = "") => (await connection.QuerySingleOrDefaultAsync<ExportRow>(new CommandDefinition($"SELECT {Columns} FROM research_exports WHERE export_id = @exportId{lockClause}",
            new { exportId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToDomain();

    private static async Task<ResearchExport?> FindByRequestAsync(DbConnection connection, DbTransaction? transaction, string requestedBy, string requestId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<ExportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM research_exports WHERE requested_by = @requestedBy AND request_id = @requestId",
            new { requestedBy, requestId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToDomain();

    private sealed class ExportRow
    {
        public string ExportId { get; init; } = "";
        public string RequestId { get; init; } = "";
        public string RequestedBy { get; init; } = "";
        public string Purpose { get; init; } = "";
        public long IntendedUse { get; init; }
        public string Scope { get; init; } = "{}";
        public long State { get; init; }
        public long RequestedAtMs { get; init; }
        public string? DecidedBy { get; init; }
        public long? DecidedAtMs { get; init; }
        public string? DecisionReason { get; init; }
        public long RowCount { get; init; }
        public long SuppressedCount { get; init; }
        public long MinimumGroupSize { get; init; }

        public ResearchExport ToDomain() => new(ExportId, RequestId, RequestedBy, Purpose, (ResearchUse)IntendedUse,
            JsonSerializer.Deserialize<ResearchExportScope>(Scope, StorageJson.Options)!, (ResearchExportState)State,
            DateTimeOffset.FromUnixTimeMilliseconds(RequestedAtMs), DecidedBy,
            DecidedAtMs is { } decided ? DateTimeOffset.FromUnixTimeMilliseconds(decided) : null, DecisionReason,
            RowCount, SuppressedCount, (int)MinimumGroupSize);
    }

    private sealed class RowRow
    {
        public string Pseudonym { get; init; } = "";
        public long? BirthYear { get; init; }
        public long Sex { get; init; }
        public string DistrictCode { get; init; } = "";
        public long Status { get; init; }
        public string ServiceCounts { get; init; } = "{}";

        public DeidentifiedRow ToDomain() => new(Pseudonym, BirthYear is { } year ? (int)year : null, (Sex)Sex, DistrictCode, (RecordStatus)Status,
            JsonSerializer.Deserialize<Dictionary<int, long>>(ServiceCounts, StorageJson.Options)!.ToDictionary(c => (ServiceKind)c.Key, c => c.Value));
    }
}
