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

        using var clinic = new DistrictConnection(district.Address, "500103C01");
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
        using (var queue = new UploadQueue(queuePath))
            foreach (var chunk in Enumerable.Range(0, records).Chunk(10_000))
                queue.Enqueue(chunk.Select(n => Service($"bench-{n}", residents[n % residents.Count], today.AddDays(-(n % 4)))));
        Console.WriteLine($"{records:N0} service records queued; syncing with the agent CLI ...");

        var watch = Stopwatch.StartNew();
        var peakRss = await RunAgentSyncAsync(district.Address, queuePath);
        var acked = watch.Elapsed;
        await WaitForAsync(cityDb, records);
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
        var start = new ProcessStartInfo("dotnet", [RepoPaths.NodeDll("ClinicAgent"), "--district", district, "--institution", "500103C01", "--queue", queuePath, "sync"])
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

    private static async Task WaitForAsync(Database city, long records)
    {
        var store = new ServiceRecordStore(city);
        while (await store.CountAsync(default) < records)
            await Task.Delay(50);
    }

    /// <summary>The same rows straight into a scratch copy of the table, one prepared insert each, one transaction.</summary>
    private static async Task<double> RawBulkInsertAsync(Database database, int records)
    {
        await using (var connection = await database.OpenAsync())
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE bench_service_records AS SELECT * FROM service_records WHERE 1 = 0";
            await create.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        await using var scope = await database.BeginWriteAsync();
        await using var insert = scope.Connection.CreateCommand();
        insert.Transaction = scope.Transaction;
        insert.CommandText = "INSERT INTO bench_service_records (upload_id, record_number, institution_code, district_code, service_date, late, fingerprint, payload, received_at_ms) VALUES (@u, '50010300100100001', '500103C01', '500103', '2026-11-20', 0, 'fp', @p, 0)";
        var u = insert.CreateParameter();
        u.ParameterName = "@u";
        u.Value = "";
        var p = insert.CreateParameter();
        p.ParameterName = "@p";
        p.Value = "{\"uploadId\":\"x\",\"recordNumber\":\"50010300100100001\",\"kind\":5,\"serviceDate\":\"2026-11-20\",\"institutionCode\":\"500103C01\",\"staff\":\"李医生\",\"mainProblems\":[\"高血压\"],\"costFen\":1500,\"measurements\":{\"systolic_mmhg\":\"138\",\"diastolic_mmhg\":\"86\"},\"report\":\"血压控制满意\",\"late\":false,\"daysAfterService\":0}";
        insert.Parameters.Add(u);
        insert.Parameters.Add(p);
        await insert.PrepareAsync();
        for (var i = 0; i < records; i++)
        {
            u.Value = $"raw-{i}";
            await insert.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync();
        return records / watch.Elapsed.TotalSeconds;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
