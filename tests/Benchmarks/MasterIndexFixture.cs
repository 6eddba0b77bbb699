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

    /// <summary>R-AC-6: what the city looks an identity up by (its keyed hash under the tests' keys, which every test city gets).</summary>
    public static string IdentityHashOf(long n) => TestIdentityKeys.Protector.Hash(Grains.Identity.IdentityKey.Parse(IdentityKeyOf(n)));

    // Rows are written as the city keeps them (R-AC-6): no plaintext, a keyed hash and the AES-GCM ciphertext.
    private const string Columns = CitySchema.RecordColumns + ", identity_hash, identity_cipher";

    private static string CipherOf(long n) =>
        TestIdentityKeys.Protector.Encrypt(Grains.Identity.IdentityKey.Parse(IdentityKeyOf(n)), RecordNumberOf(n));

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
        command.CommandText = $"INSERT INTO records ({Columns}) VALUES ($n, '', '500103C01', '500103', 1, 1, '500103C01', 'bench', 0, 0, '', '[]', $p, $h, $c)";
        var n = command.Parameters.Add("$n", SqliteType.Text);
        var h = command.Parameters.Add("$h", SqliteType.Text);
        var c = command.Parameters.Add("$c", SqliteType.Text);
        command.Parameters.AddWithValue("$p", Profile);
        command.Prepare();
        for (long i = 0; i < count; i++)
        {
            n.Value = RecordNumberOf(i);
            h.Value = IdentityHashOf(i);
            c.Value = CipherOf(i);
            await command.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync();
    }

    private static async Task LoadPostgresAsync(Database database, long count)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync();
        await using (var import = await connection.BeginBinaryImportAsync($"COPY records ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = 0; i < count; i++)
            {
                await import.StartRowAsync();
                await import.WriteAsync(RecordNumberOf(i));
                await import.WriteAsync("");
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
                await import.WriteAsync(IdentityHashOf(i));
                await import.WriteAsync(CipherOf(i));
            }
            await import.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE records", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
