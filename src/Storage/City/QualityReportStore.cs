using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Quality;

namespace HealthRecords.Storage.City;

/// <summary>R-CN-4: the last report computed for each scope (city migration 15), for the dashboard to show with its time.</summary>
public sealed class QualityReportStore(Database database)
{
    public async Task SaveAsync(QualityReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // An older computation finishing late does not replace a newer one.
        await scope.Connection.ExecuteAsync("""
            INSERT INTO quality_reports (scope_key, computed_at_ms, report) VALUES (@key, @atMs, @report)
            ON CONFLICT (scope_key) DO UPDATE SET computed_at_ms = excluded.computed_at_ms, report = excluded.report
            WHERE quality_reports.computed_at_ms <= excluded.computed_at_ms
            """, new { key = report.Scope.Key, atMs = report.ComputedAt.ToUnixTimeMilliseconds(), report = JsonSerializer.Serialize(report, StorageJson.Options) },
            scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last report of <paramref name="scope"/>; null when none was computed yet.</summary>
    public async Task<QualityReport?> LastAsync(QualityScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT report FROM quality_reports WHERE scope_key = @key", new { key = scope.Key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<QualityReport>(json, StorageJson.Options);
    }
}
