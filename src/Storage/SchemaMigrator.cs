using Dapper;

namespace HealthRecords.Storage;

/// <summary>
/// Brings a database to the latest schema at start-up. Each step runs in its own transaction and is
/// recorded; on PostgreSQL an advisory lock keeps concurrent node processes from racing.
/// </summary>
public static class SchemaMigrator
{
    // Arbitrary constant identifying "HealthRecords schema migration" among advisory locks.
    private const long AdvisoryLockKey = 0x4852_5343_4845_4d41;

    public static async Task MigrateAsync(Database database, string schemaName, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = scope.Connection;
        if (database.Dialect == SqlDialect.Postgres)
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, scope.Transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (schema_name TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL, PRIMARY KEY (schema_name, version))",
            transaction: scope.Transaction).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<int>(
            "SELECT version FROM schema_migrations WHERE schema_name = @schemaName",
            new { schemaName }, scope.Transaction).ConfigureAwait(false)).ToHashSet();
        foreach (var migration in migrations.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(migration.SqlFor(database.Dialect), transaction: scope.Transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (schema_name, version, name, applied_at_ms) VALUES (@schemaName, @Version, @Name, @now)",
                new { schemaName, migration.Version, migration.Name, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                scope.Transaction).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
