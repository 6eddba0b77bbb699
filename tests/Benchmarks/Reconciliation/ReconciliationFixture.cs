using System.Diagnostics;
using System.Text.Json;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using HealthRecords.Storage.District;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>
/// The generated city on SQLite in one directory: the topology, the city's database with every record
/// and each district's database with its own, all through <see cref="SqliteDatabase"/> so the digest
/// triggers (and their C# hash) keep the digests as the nodes would. Its build figures, and the same-run
/// baseline of the same rows into the same tables without the digest triggers, are kept in
/// <c>fixture.json</c> so a kept fixture is reused with the figures of the run that built it.
/// </summary>
internal sealed class ReconciliationFixture
{
    private const string ManifestName = "fixture.json";

    private ReconciliationFixture(FixtureLayout layout, FixtureBuild build) => (Layout, Build) = (layout, build);

    public FixtureLayout Layout { get; }

    public FixtureBuild Build { get; }

    public GeneratedCity City => Layout.City;

    /// <summary>The fixture in <paramref name="directory"/> if one of this shape is there, otherwise built there.</summary>
    public static async Task<(ReconciliationFixture Fixture, bool Reused)> OpenOrBuildAsync(string directory, GeneratedCity city)
    {
        var manifest = Path.Combine(directory, ManifestName);
        if (File.Exists(manifest))
        {
            var kept = JsonSerializer.Deserialize<FixtureBuild>(await File.ReadAllTextAsync(manifest))!;
            if (kept.City == city)
                return (new ReconciliationFixture(new FixtureLayout(directory, city), kept), true);
            throw new InvalidOperationException($"{directory} holds a fixture of {kept.City}, not {city}; pass another --keep directory.");
        }
        // A build that was interrupted left no manifest: start over, removing only what a build writes.
        foreach (var partial in System.IO.Directory.Exists(directory) ? System.IO.Directory.GetDirectories(directory) : [])
            if (Path.GetFileName(partial) is "city" or "baseline" || Path.GetFileName(partial).StartsWith("district-", StringComparison.Ordinal))
                System.IO.Directory.Delete(partial, recursive: true);
        System.IO.Directory.CreateDirectory(directory);
        var build = await BuildAsync(directory, city);
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(build, new JsonSerializerOptions { WriteIndented = true }));
        return (new ReconciliationFixture(new FixtureLayout(directory, city), build), false);
    }

    private static async Task<FixtureBuild> BuildAsync(string directory, GeneratedCity city)
    {
        var total = Stopwatch.StartNew();
        var fixture = new FixtureLayout(directory, city);
        city.WriteTopology(fixture.TopologyPath);
        Console.WriteLine($"building the fixture in {directory}: {city.Records:N0} records, {city.Districts} districts × {city.ClinicsPerDistrict} clinics × {city.RecordsPerClinic:N0}");

        var cityInsert = await LoadCityAsync(fixture.CityDatabasePath, city, withDigests: true);
        Console.WriteLine($"  city records (digest triggers): {cityInsert.TotalSeconds:F0} s, {city.Records / cityInsert.TotalSeconds:N0} rows/s");
        var districtInsert = await LoadDistrictsAsync(fixture.DistrictDatabasePath, city, withDigests: true);
        Console.WriteLine($"  district records (digest triggers): {districtInsert.TotalSeconds:F0} s, {city.Records / districtInsert.TotalSeconds:N0} rows/s");
        var built = total.Elapsed;

        // Baseline: the same rows through the same code into the same schema with the digest triggers dropped.
        var scratch = Path.Combine(directory, "baseline");
        var cityRaw = await LoadCityAsync(Path.Combine(scratch, "city.db"), city, withDigests: false);
        Console.WriteLine($"  baseline, city records without triggers: {cityRaw.TotalSeconds:F0} s, {city.Records / cityRaw.TotalSeconds:N0} rows/s");
        var districtRaw = await LoadDistrictsAsync(d => Path.Combine(scratch, $"district-{city.DistrictCode(d)}.db"), city, withDigests: false);
        Console.WriteLine($"  baseline, district records without triggers: {districtRaw.TotalSeconds:F0} s, {city.Records / districtRaw.TotalSeconds:N0} rows/s");
        System.IO.Directory.Delete(scratch, recursive: true);

        var bytes = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return new FixtureBuild(city, DateTimeOffset.UtcNow, built.TotalSeconds, bytes,
            cityInsert.TotalSeconds, districtInsert.TotalSeconds, cityRaw.TotalSeconds, districtRaw.TotalSeconds);
    }

    private static async Task<TimeSpan> LoadCityAsync(string path, GeneratedCity city, bool withDigests)
    {
        await using var database = new SqliteDatabase(path);
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        if (!withDigests)
            await DropDigestTriggersAsync(database, "records");
        var elapsed = TimeSpan.Zero;
        for (var d = 0; d < city.Districts; d++)
            elapsed += await IndexRowWriter.City.InsertAsync(database, city.RecordsOf(d));
        return elapsed;
    }

    private static async Task<TimeSpan> LoadDistrictsAsync(Func<int, string> path, GeneratedCity city, bool withDigests)
    {
        var elapsed = TimeSpan.Zero;
        for (var d = 0; d < city.Districts; d++)
        {
            await using var database = new SqliteDatabase(path(d));
            await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
            if (!withDigests)
                await DropDigestTriggersAsync(database, "district_records");
            elapsed += await IndexRowWriter.District.InsertAsync(database, city.RecordsOf(d));
        }
        return elapsed;
    }

    private static async Task DropDigestTriggersAsync(SqliteDatabase database, string table)
    {
        await using var scope = await database.BeginWriteAsync();
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = $"DROP TRIGGER {table}_digest_insert; DROP TRIGGER {table}_digest_delete; DROP TRIGGER {table}_digest_update;";
        await command.ExecuteNonQueryAsync();
        await scope.CommitAsync();
    }
}

/// <summary>How the fixture was built, with the same-run triggerless baseline (times in seconds of inserting).</summary>
internal sealed record FixtureBuild(
    GeneratedCity City, DateTimeOffset BuiltAt, double BuildSeconds, long Bytes,
    double CityInsertSeconds, double DistrictInsertSeconds, double CityRawInsertSeconds, double DistrictRawInsertSeconds);

/// <summary>Where the fixture's files are: the nodes' data directories hold the databases under the names the nodes use.</summary>
internal sealed record FixtureLayout(string Directory, GeneratedCity City)
{
    public string TopologyPath => Path.Combine(Directory, "topology.json");

    public string CityDataDirectory => Path.Combine(Directory, "city");

    public string CityDatabasePath => Path.Combine(CityDataDirectory, "city.db");

    public string DistrictDataDirectory(int district) => Path.Combine(Directory, $"district-{City.DistrictCode(district)}");

    public string DistrictDatabasePath(int district) => Path.Combine(DistrictDataDirectory(district), "district.db");
}
