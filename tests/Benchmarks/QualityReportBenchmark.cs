using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Services;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks;

/// <summary>
/// R-CN-4: a city-wide data-quality report over N records (one service per fourth record), in records/s,
/// beside a raw select of the same rows in the same pages (keyset pages of the records, then their services).
///   dotnet run -c Release --project tests/Benchmarks -- quality [--records 1000000] [--postgres]
/// </summary>
internal static class QualityReportBenchmark
{
    private const int ServiceEvery = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--records");
        var records = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 1_000_000;
        var postgres = args.Contains("--postgres");
        await using var pg = postgres ? await PostgresServer.StartAsync() : null;
        var dir = Path.Combine(Path.GetTempPath(), $"hr-quality-bench-{Guid.NewGuid():N}");
        await using var database = pg is null
            ? new SqliteDatabase(Path.Combine(dir, "city.db"))
            : (Database)new PostgresDatabase(await pg.CreateDatabaseAsync("bench") + ";Command Timeout=600"); // the bulk load's index build on a busy box

        Console.WriteLine($"Loading {records:N0} records and {records / ServiceEvery:N0} services into {database.Description} ...");
        await MasterIndexFixture.LoadAsync(database, records);
        await LoadServicesAsync(database, records);

        var reports = new QualityReports(database, TestIdentityKeys.Protector, PolicyProfiles.Chongqing, new QualityReportStore(database), TimeProvider.System);
        await RawSelectAsync(database); // warm-up: both timed passes find the pages in the cache
        var raw = Stopwatch.StartNew();
        var rows = await RawSelectAsync(database);
        raw.Stop();
        var report = Stopwatch.StartNew();
        var computed = await reports.ComputeAsync(QualityScope.City, CancellationToken.None);
        report.Stop();
        if (computed.Total.RecordsOwned != records || rows != records)
            throw new InvalidOperationException($"The report saw {computed.Total.RecordsOwned:N0} records and the select {rows:N0}, not {records:N0}.");

        var reportRate = records / report.Elapsed.TotalSeconds;
        var rawRate = records / raw.Elapsed.TotalSeconds;
        Console.WriteLine($"storage: {(postgres ? "postgresql" : "sqlite")}, records: {records:N0}, services: {records / ServiceEvery:N0}, findings: {computed.Total.Findings.Values.Sum():N0}");
        Console.WriteLine($"quality report: {report.Elapsed.TotalSeconds:N1} s, {reportRate:N0} records/s");
        Console.WriteLine($"raw paged select of the same rows: {raw.Elapsed.TotalSeconds:N1} s, {rawRate:N0} records/s");
        Console.WriteLine($"ratio: {reportRate / rawRate:N2}");
        if (pg is null)
            Directory.Delete(dir, recursive: true);
        return 0;
    }

    // Services straight through the store, as the relay writes them (no late ones: lateness is decided at upload).
    private static async Task LoadServicesAsync(Database database, int records)
    {
        var store = new ServiceRecordStore(database, new DistrictEventLog(database));
        var at = DateTimeOffset.UtcNow;
        var batch = new List<AcceptedService>();
        for (long n = 0; n < records; n += ServiceEvery)
        {
            var number = MasterIndexFixture.RecordNumberOf(n);
            batch.Add(new AcceptedService(new ServiceRecord($"bench-{n}", number, ServiceKind.Visit, new DateOnly(2026, 11, 1), "500103C01", "bench",
                [], 0, new Dictionary<string, string>(), null, false, 1, at), "500103", $"fp-{n}"));
            if (batch.Count == 5000)
            {
                await store.SaveAsync(batch, [], at, CancellationToken.None);
                batch.Clear();
            }
        }
        await store.SaveAsync(batch, [], at, CancellationToken.None);
    }

    // The baseline reads what the report reads, page by page, and only reads it: no JSON, no decryption, no checks.
    private static async Task<long> RawSelectAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var after = "";
        long rows = 0;
        while (true)
        {
            var numbers = new List<string>(QualityReports.RecordsPerPage);
            await using (var command = Command(connection,
                $"SELECT {CitySchema.RecordColumns}, lifecycle, identity_hash, identity_cipher FROM records WHERE status <> 5 AND record_number > @after ORDER BY record_number LIMIT @limit",
                ("@after", after), ("@limit", QualityReports.RecordsPerPage)))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                        _ = reader.GetValue(c);
                    numbers.Add(reader.GetString(0));
                }
            }
            if (numbers.Count == 0)
                return rows;
            rows += numbers.Count;
            var (oneOf, values) = database.OneOf("record_number", "numbers", numbers);
            await using (var command = Command(connection, $"SELECT record_number, district_code, payload FROM service_records WHERE {oneOf}", ("@numbers", values)))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    _ = reader.GetString(2);
            }
            after = numbers[^1];
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
