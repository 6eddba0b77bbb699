using System.Diagnostics;
using System.Text.Json;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthRecords.Benchmarks;

/// <summary>
/// Fills a city database with N enrolled residents straight through the driver (no gRPC, no grain),
/// the way a migration from a legacy system would. Its rate is also the raw bulk-insert baseline.
/// </summary>
internal static class MasterIndexFixture
{
    public const int PerCommittee = 50_000;
    private static readonly string Profile = JsonSerializer.Serialize(new { name = "基准居民", sex = 1, phone = "13800000000" });

    public static string CommitteeOf(long n) => $"500103001{n / PerCommittee + 1:D3}";

    public static string RecordNumberOf(long n) => $"{CommitteeOf(n)}{n % PerCommittee + 1:D5}";

    public static string IdentityKeyOf(long n) => "id:" + TestIdentities.CitizenId(n);

    /// <summary>Inserts records 0..count-1 and returns rows per second.</summary>
    public static async Task<double> LoadAsync(Database database, long count)
    {
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var watch = Stopwatch.StartNew();
        if (database is PostgresDatabase)
            await LoadPostgresAsync(database, count);
        else
            await LoadSqliteAsync(database, count);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task LoadSqliteAsync(Database database, long count)
    {
        await using var scope = await database.BeginWriteAsync();
        var command = (SqliteCommand)scope.Connection.CreateCommand();
        command.Transaction = (SqliteTransaction)scope.Transaction;
        command.CommandText = $"INSERT INTO records ({CitySchema.RecordColumns}) VALUES ($n, $k, '500103C01', '500103', 1, 1, '500103C01', 'bench', 0, 0, '', '[]', $p)";
        var n = command.Parameters.Add("$n", SqliteType.Text);
        var k = command.Parameters.Add("$k", SqliteType.Text);
        command.Parameters.AddWithValue("$p", Profile);
        command.Prepare();
        for (long i = 0; i < count; i++)
        {
            n.Value = RecordNumberOf(i);
            k.Value = IdentityKeyOf(i);
            await command.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync();
    }

    private static async Task LoadPostgresAsync(Database database, long count)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync();
        await using (var import = await connection.BeginBinaryImportAsync($"COPY records ({CitySchema.RecordColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = 0; i < count; i++)
            {
                await import.StartRowAsync();
                await import.WriteAsync(RecordNumberOf(i));
                await import.WriteAsync(IdentityKeyOf(i));
                await import.WriteAsync("500103C01");
                await import.WriteAsync("500103");
                await import.WriteAsync(1);
                await import.WriteAsync(1L);
                await import.WriteAsync("500103C01");
                await import.WriteAsync("bench");
                await import.WriteAsync(0L);
                await import.WriteAsync(0L);
                await import.WriteAsync("");
                await import.WriteAsync("[]");
                await import.WriteAsync(Profile);
            }
            await import.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE records", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
