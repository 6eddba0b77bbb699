using System.Data.Common;
using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Storage;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks;

/// <summary>
/// Enrollment lookups per second through a district node and the city node (two gRPC hops, real
/// processes) at N enrolled records, beside a raw indexed select on the same database in the same run.
///   dotnet run -c Release --project tests/Benchmarks -- lookup [--records 1000000] [--seconds 20] [--concurrency 64] [--postgres]
/// </summary>
internal static class EnrollmentLookupBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var records = Arg(args, "--records", 1_000_000);
        var seconds = Arg(args, "--seconds", 20);
        var concurrency = Arg(args, "--concurrency", 64);
        var postgres = args.Contains("--postgres");
        var duration = TimeSpan.FromSeconds(seconds);

        await using var pg = postgres ? await PostgresServer.StartAsync() : null;
        await using var federation = new Federation();
        var connectionString = pg is null ? null : await pg.CreateDatabaseAsync("bench");
        await using var database = connectionString is null
            ? new SqliteDatabase(Path.Combine(federation.DataRoot, "city0", "city.db"))
            : (Database)new PostgresDatabase(connectionString);

        Console.WriteLine($"Loading {records:N0} enrolled residents into {database.Description} ...");
        var insertRate = await MasterIndexFixture.LoadAsync(database, records);
        Console.WriteLine($"raw bulk insert: {insertRate:N0} rows/s");

        await federation.StartCityAsync(connectionString);
        var district = await federation.StartDistrictAsync("500103");
        using var clinic = TestChannel.Clinic(district.Address, "500103C01");

        async Task ViaDistrict(int _, Random random)
        {
            var n = random.NextInt64(records);
            var found = await clinic.LookupAsync(new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(n) });
            if (!found.Enrolled || found.Entry.RecordNumber != MasterIndexFixture.RecordNumberOf(n))
                throw new InvalidOperationException($"Lookup of resident {n} returned the wrong record.");
        }

        var connections = new DbConnection[concurrency];
        for (var i = 0; i < concurrency; i++)
            connections[i] = await database.OpenAsync();
        async Task RawSelect(int worker, Random random)
        {
            var n = random.NextInt64(records);
            await using var command = connections[worker].CreateCommand();
            command.CommandText = "SELECT record_number, owner_institution, owner_district, status, version FROM records WHERE identity_hash = @k";
            var p = command.CreateParameter();
            p.ParameterName = "@k";
            p.Value = MasterIndexFixture.IdentityHashOf(n); // the keyed hash, computed per lookup as the city does (R-AC-6)
            command.Parameters.Add(p);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync() || reader.GetString(0) != MasterIndexFixture.RecordNumberOf(n))
                throw new InvalidOperationException($"Select of resident {n} returned the wrong row.");
        }

        await Throughput.MeasureAsync(concurrency, TimeSpan.FromSeconds(3), ViaDistrict); // warm-up
        await Throughput.MeasureAsync(concurrency, TimeSpan.FromSeconds(2), RawSelect);
        var grpc = await Throughput.MeasureAsync(concurrency, duration, ViaDistrict);
        var raw = await Throughput.MeasureAsync(concurrency, duration, RawSelect);
        foreach (var c in connections)
            await c.DisposeAsync();

        Console.WriteLine($"storage: {(postgres ? "postgresql" : "sqlite")}, records: {records:N0}, concurrency: {concurrency}, {seconds} s each");
        Console.WriteLine($"lookups via district -> city: {grpc:N0}/s | raw indexed select: {raw:N0}/s | ratio {grpc / raw:F2}");
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
