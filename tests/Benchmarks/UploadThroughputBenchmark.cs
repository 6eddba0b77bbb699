using System.Diagnostics;
using HealthRecords.ClinicAgent;
using HealthRecords.ClinicAgent.Uploads;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks;

/// <summary>
/// End-to-end durable upload throughput, clinic → district → city, with the real agent CLI doing
/// `sync` from its queue, beside the raw bulk-insert rate of the city's database in the same run;
/// and the agent's peak memory while it uploads.
///   dotnet run -c Release --project tests/Benchmarks -- upload [--records 100000] [--postgres]
/// </summary>
internal static class UploadThroughputBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var records = Arg(args, "--records", 100_000);
        var postgres = args.Contains("--postgres");
        await using var pg = postgres ? await PostgresServer.StartAsync() : null;
        var connectionString = pg is null ? null : await pg.CreateDatabaseAsync("bench");
        await using var federation = new Federation();
        await federation.StartCityAsync(connectionString);
        var district = await federation.StartDistrictAsync("500103");
        await using var cityDb = connectionString is null
            ? new SqliteDatabase(Path.Combine(federation.DataRoot, "city0", "city.db"))
            : (Database)new PostgresDatabase(connectionString);

        using var clinic = TestChannel.Clinic(district.Address, "500103C01");
        var residents = new List<string>();
        for (var i = 0; i < 20; i++)
            residents.Add((await clinic.EnrollAsync(new Contracts.District.V1.EnrollResidentRequest
            {
                RequestId = $"bench-{i}", EnrollingInstitutionCode = "500103C01", EnrolledBy = "bench", ResidenceCommitteeCode = "500103001001",
                Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(990_000 + i) },
                Profile = new ResidentProfile { Name = "基准" },
            })).RecordNumber);
        var queuePath = Path.Combine(federation.DataRoot, "agent", "queue.db");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        void Enqueue(string prefix, int count)
        {
            using var queue = new UploadQueue(queuePath);
            foreach (var chunk in Enumerable.Range(0, count).Chunk(10_000))
                queue.Enqueue(chunk.Select(n => Service($"{prefix}-{n}", residents[n % residents.Count], today.AddDays(-(n % 4)))));
        }

        // The nodes are long-running servers: the figure is their steady state, after the JIT has
        // settled (tiered compilation keeps a core busy for the first ~20 s of a fresh process).
        var warmUp = Math.Min(records, 50_000);
        Enqueue("warm", warmUp);
        Console.WriteLine($"warming up with {warmUp:N0} records ...");
        await RunAgentSyncAsync(district.Address, queuePath);
        await WaitForAsync(cityDb, $"warm-{warmUp - 1}", warmUp);

        Enqueue("bench", records);
        Console.WriteLine($"{records:N0} service records queued; syncing with the agent CLI ...");
        var watch = Stopwatch.StartNew();
        var peakRss = await RunAgentSyncAsync(district.Address, queuePath);
        var acked = watch.Elapsed;
        await WaitForAsync(cityDb, $"bench-{records - 1}", warmUp + records);
        var endToEnd = watch.Elapsed;
        var raw = await RawBulkInsertAsync(cityDb, records);

        Console.WriteLine($"storage (city): {(postgres ? "postgresql" : "sqlite")}, records: {records:N0}");
        Console.WriteLine($"acknowledged to the clinic: {records / acked.TotalSeconds:N0} records/s; durable at the city: {records / endToEnd.TotalSeconds:N0} records/s");
        Console.WriteLine($"raw bulk insert into the same database: {raw:N0} rows/s | ratio {records / endToEnd.TotalSeconds / raw:F2}");
        Console.WriteLine($"agent peak RSS while uploading: {peakRss / 1024 / 1024:N0} MiB");
    }

    private static ServiceRecord Service(string id, string recordNumber, DateOnly date)
    {
        var r = new ServiceRecord
        {
            UploadId = id, RecordNumber = recordNumber, InstitutionCode = "500103C01", Kind = ServiceKind.HypertensionFollowUp,
            ServiceDate = new CalendarDate { Year = date.Year, Month = date.Month, Day = date.Day }, Staff = "李医生", CostFen = 1500, Report = "血压控制满意",
        };
        r.MainProblems.Add("高血压");
        r.Measurements["systolic_mmhg"] = "138";
        r.Measurements["diastolic_mmhg"] = "86";
        return r;
    }

    /// <summary>Runs `sync` in the real agent process and samples its resident memory.</summary>
    private static async Task<long> RunAgentSyncAsync(string district, string queuePath)
    {
        var start = new ProcessStartInfo("dotnet", [RepoPaths.NodeDll("ClinicAgent"), "--district", district, "--institution", "500103C01", .. TestCertificates.AgentArguments("500103C01"), "--queue", queuePath, "sync"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            catch (InvalidOperationException)
            {
            }
            await Task.Delay(100);
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"sync failed ({process.ExitCode}): {await output}{await errors}");
        return peak;
    }

    /// <summary>
    /// Waits until the city holds <paramref name="records"/> services. It polls for the last record
    /// sent (one indexed lookup; a single district relays in commit order) and only then counts, so
    /// the watching does not take CPU from the nodes it measures.
    /// </summary>
    private static async Task WaitForAsync(Database city, string lastUploadId, long records)
    {
        await using (var connection = await city.OpenAsync())
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = $"SELECT COUNT(*) FROM service_records WHERE upload_id = '{lastUploadId}'";
            while (Convert.ToInt64(await probe.ExecuteScalarAsync()) == 0)
                await Task.Delay(20);
        }
        var store = new ServiceRecordStore(city, new DistrictEventLog(city));
        while (await store.CountAsync(default) < records)
            await Task.Delay(20);
    }

    /// <summary>
    /// The same rows straight into an empty copy of the table with the same key and indexes, in one
    /// transaction: one prepared insert per row on SQLite (its fastest path), binary COPY on PostgreSQL.
    /// </summary>
    private static async Task<double> RawBulkInsertAsync(Database database, int records)
    {
        await CreateEmptyCopyAsync(database, "service_records", "bench_service_records");
        const string payload = "{\"uploadId\":\"x\",\"recordNumber\":\"50010300100100001\",\"kind\":5,\"serviceDate\":\"2026-11-20\",\"institutionCode\":\"500103C01\",\"staff\":\"李医生\",\"mainProblems\":[\"高血压\"],\"costFen\":1500,\"measurements\":{\"systolic_mmhg\":\"138\",\"diastolic_mmhg\":\"86\"},\"report\":\"血压控制满意\",\"late\":false,\"daysAfterService\":0}";
        var watch = Stopwatch.StartNew();
        await using var scope = await database.BeginWriteAsync();
        if (scope.Connection is Npgsql.NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync(
                "COPY bench_service_records (upload_id, record_number, institution_code, district_code, service_date, late, fingerprint, payload, received_at_ms) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < records; i++)
            {
                await copy.StartRowAsync();
                foreach (var text in new[] { $"raw-{i}", "50010300100100001", "500103C01", "500103", "2026-11-20" })
                    await copy.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Text);
                await copy.WriteAsync(0, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync("fp", NpgsqlTypes.NpgsqlDbType.Text);
                await copy.WriteAsync(payload, NpgsqlTypes.NpgsqlDbType.Text);
                await copy.WriteAsync(0L, NpgsqlTypes.NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        else
        {
            await using var insert = scope.Connection.CreateCommand();
            insert.Transaction = scope.Transaction;
            insert.CommandText = "INSERT INTO bench_service_records (upload_id, record_number, institution_code, district_code, service_date, late, fingerprint, payload, received_at_ms) VALUES (@u, '50010300100100001', '500103C01', '500103', '2026-11-20', 0, 'fp', @p, 0)";
            var u = insert.CreateParameter();
            u.ParameterName = "@u";
            u.Value = "";
            var p = insert.CreateParameter();
            p.ParameterName = "@p";
            p.Value = payload;
            insert.Parameters.Add(u);
            insert.Parameters.Add(p);
            await insert.PrepareAsync();
            for (var i = 0; i < records; i++)
            {
                u.Value = $"raw-{i}";
                await insert.ExecuteNonQueryAsync();
            }
        }
        await scope.CommitAsync();
        return records / watch.Elapsed.TotalSeconds;
    }

    /// <summary>An empty table shaped like <paramref name="table"/>, with its primary key and indexes.</summary>
    private static async Task CreateEmptyCopyAsync(Database database, string table, string copy)
    {
        await using var connection = await database.OpenAsync();
        var statements = new List<string>();
        if (database.Dialect == SqlDialect.Postgres)
            statements.Add($"CREATE TABLE {copy} (LIKE {table} INCLUDING ALL)");
        else
        {
            await using var schema = connection.CreateCommand();
            schema.CommandText = $"SELECT sql FROM sqlite_master WHERE tbl_name = '{table}' AND sql IS NOT NULL ORDER BY type DESC";
            await using var reader = await schema.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                statements.Add(System.Text.RegularExpressions.Regex.Replace(reader.GetString(0),
                    $@"\b(CREATE (UNIQUE )?INDEX )(\w+)( ON ){table}\b|\b(CREATE TABLE ){table}\b",
                    m => m.Groups[5].Success ? $"{m.Groups[5].Value}{copy}" : $"{m.Groups[1].Value}{copy}_{m.Groups[3].Value}{m.Groups[4].Value}{copy}"));
        }
        foreach (var sql in statements)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = sql;
            await create.ExecuteNonQueryAsync();
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
