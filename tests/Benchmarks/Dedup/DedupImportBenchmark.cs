using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Import;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks.Dedup;

/// <summary>
/// Issue 8: a seeded district of N historic records with 2% planted duplicates and 1% planted
/// near-misses (<see cref="PlantedDistrict"/>), imported in-process through the real import path
/// (validation, HistoricImportStore: numbers, journal, feed, held exact duplicates, detection,
/// review queue) in batches as a stream sends them. Reports records/s, the same run's baseline (a raw
/// insert of the same record rows, identities protected alike, no detection, no journal or feed) and
/// the ratio, and precision and recall of the proposed pairs against the planted set.
///   dotnet run -c Release --project tests/Benchmarks -- dedup-import [--records 1000000] [--batch 1000] [--postgres]
/// </summary>
internal static class DedupImportBenchmark
{
    private const int Seed = 20261206;
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 12, 6);

    public static async Task<int> RunAsync(string[] args)
    {
        var records = (int)Arg(args, "--records", 1_000_000);
        var batchSize = (int)Arg(args, "--batch", 1000);
        var postgres = args.Contains("--postgres");
        Console.WriteLine($"dedup-import: {records:N0} records, batches of {batchSize}, {(postgres ? "PostgreSQL" : "SQLite")}, {Environment.ProcessorCount} cores");
        var generating = Stopwatch.StartNew();
        var district = PlantedDistrict.Build(Seed, records);
        Console.WriteLine($"generated in {generating.Elapsed.TotalSeconds:F1} s: {district.PlantedPairs:N0} planted duplicate pairs, " +
            $"{district.Records.Count(r => r.Plant >= Plant.NamesakeOtherBirthDateSameAddress):N0} planted near-misses");

        await using var pg = postgres ? await PostgresServer.StartAsync() : null;
        var directory = Path.Combine(Path.GetTempPath(), $"hr-dedup-{Guid.NewGuid():N}");
        try
        {
            var baseline = await BaselineAsync(await OpenAsync(pg, directory, "baseline"), district, batchSize);
            Console.WriteLine($"baseline raw insert: {baseline:N0} records/s");
            await using var database = await OpenAsync(pg, directory, "import");
            var (rate, byNumber) = await ImportAsync(database, district, batchSize);
            Console.WriteLine($"import with detection: {rate:N0} records/s ({rate / baseline:P0} of the raw insert)");
            await ScoreAsync(database, district, byNumber);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double Rate, Dictionary<string, PlantedRecord> ByNumber)> ImportAsync(Database database, PlantedDistrict district, int batchSize)
    {
        var protector = TestIdentityKeys.Protector;
        var logs = new DistrictEventLog(database);
        var imports = new HistoricImportStore(database, new ImportBatchWriter(database, logs, new DuplicateReviewStore(database), protector));
        var byNumber = new Dictionary<string, PlantedRecord>(district.Records.Count, StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var import = await imports.StartAsync("bench", PlantedDistrict.DistrictCode, "bench-it", Now, default);
        foreach (var batch in district.Records.Chunk(batchSize))
        {
            var (valid, rejected) = HistoricImportDecider.Validate(import, batch.Select(r => r.Input), PlantedDistrict.Topology, Today);
            var result = await imports.CommitBatchAsync(import.ImportId, valid, rejected, Now, default);
            import = result.Import;
            foreach (var (item, record) in result.Items.Zip(batch))
            {
                if (item.Outcome == ImportItemOutcome.Rejected)
                    throw new InvalidOperationException($"Record {item.Sequence} was rejected: {item.Reason}");
                byNumber[item.HeldRecordNumber ?? item.RecordNumber!] = record;
            }
            if (result.Import.LastSequence % 100_000 < batchSize)
                Console.WriteLine($"  {result.Import.LastSequence:N0} imported, {watch.Elapsed.TotalSeconds:F0} s");
        }
        var rate = district.Records.Count / watch.Elapsed.TotalSeconds;
        var c = import.Counts;
        Console.WriteLine($"import {watch.Elapsed.TotalSeconds:F1} s: imported {c.Imported:N0}, held {c.Held:N0}, rejected {c.Rejected:N0}, " +
            $"candidates exact {c.ExactCandidates:N0}, probable {c.ProbableCandidates:N0}");
        return (rate, byNumber);
    }

    private static async Task ScoreAsync(Database database, PlantedDistrict district, Dictionary<string, PlantedRecord> byNumber)
    {
        var store = new DuplicateReviewStore(database);
        var proposed = new List<RecordPair>();
        var (at, key) = (long.MinValue, "");
        while (true)
        {
            var page = await store.ListAsync(null, null, HistoricImport.SourceOf("bench"), at, key, 10_000, default);
            if (page.Count == 0)
                break;
            proposed.AddRange(page.Select(q => q.Review.Pair));
            (at, key) = (page[^1].Review.ProposedAt.ToUnixTimeMilliseconds(), page[^1].Review.Pair.Key);
        }
        var truePairs = proposed.Count(p => byNumber[p.First].Person == byNumber[p.Second].Person);
        var foundPeople = proposed.Where(p => byNumber[p.First].Person == byNumber[p.Second].Person).Select(p => byNumber[p.First].Person).ToHashSet();
        Console.WriteLine($"proposed pairs: {proposed.Count:N0}, of which the same person: {truePairs:N0}");
        Console.WriteLine($"precision {(double)truePairs / Math.Max(1, proposed.Count):F4}, recall {(double)foundPeople.Count / district.PlantedPairs:F4} ({foundPeople.Count:N0} of {district.PlantedPairs:N0} planted pairs)");
        foreach (var kind in district.Records.Where(r => PlantedDistrict.IsDuplicate(r.Plant)).GroupBy(r => r.Plant))
            Console.WriteLine($"  recall {kind.Key}: {kind.Count(r => foundPeople.Contains(r.Person)):N0} of {kind.Count():N0}");
        var wrong = proposed.Where(p => byNumber[p.First].Person != byNumber[p.Second].Person)
            .GroupBy(p => byNumber[p.First].Plant == Plant.Original ? byNumber[p.Second].Plant : byNumber[p.First].Plant);
        foreach (var kind in wrong)
            Console.WriteLine($"  false pairs involving {kind.Key}: {kind.Count():N0}");
    }

    /// <summary>The same record rows (identity hash and cipher, profile, block) inserted raw, one transaction per batch.</summary>
    private static async Task<double> BaselineAsync(Database database, PlantedDistrict district, int batchSize)
    {
        await using var _ = database;
        var protector = TestIdentityKeys.Protector;
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        var identities = new HashSet<IdentityKey>(); // the same identity again is stored held, as the import does
        var watch = Stopwatch.StartNew();
        foreach (var batch in district.Records.Chunk(batchSize))
        {
            var (valid, _) = HistoricImportDecider.Validate(new HistoricImport("baseline", PlantedDistrict.DistrictCode, "bench", HistoricImportState.InProgress, 0, ImportCounts.None, Now, null),
                batch.Select(r => r.Input), PlantedDistrict.Topology, Today);
            var rows = valid.Select(r =>
            {
                var committee = r.Enrollment.ResidenceCommittee;
                var number = RecordNumber.Create(committee, serials[committee.Value] = serials.GetValueOrDefault(committee.Value) + 1);
                var subject = new DuplicateSubject(number.Value, r.Enrollment.Identity, r.Enrollment.Profile);
                return new RawRow(number.Value, protector.Hash(r.Enrollment.Identity), protector.Encrypt(r.Enrollment.Identity, number.Value),
                    JsonSerializer.Serialize(r.Enrollment.Profile), DuplicateBlocks.Of(subject), identities.Add(r.Enrollment.Identity) ? 0 : 1);
            }).ToList();
            await using var scope = await database.BeginWriteAsync();
            await RawRow.Insert.ExecuteAsync(scope, rows, default);
            await scope.CommitAsync();
        }
        return district.Records.Count / watch.Elapsed.TotalSeconds;
    }

    private sealed record RawRow(string Number, string Hash, string Cipher, string Profile, string? Block, int Held)
    {
        public static readonly BatchStatement<RawRow> Insert = BatchStatement<RawRow>.InsertIgnoringExisting("records", "record_number",
            new("record_number", BatchType.Text, r => r.Number),
            new("identity_key", BatchType.Text, _ => ""),
            new("owner_institution", BatchType.Text, _ => PlantedDistrict.Clinic),
            new("owner_district", BatchType.Text, _ => PlantedDistrict.DistrictCode),
            new("status", BatchType.Integer, _ => 1),
            new("version", BatchType.BigInt, _ => 1L),
            new("enrolling_institution", BatchType.Text, _ => PlantedDistrict.Clinic),
            new("enrolled_by", BatchType.Text, _ => "bench"),
            new("enrolled_at_ms", BatchType.BigInt, _ => 0L),
            new("updated_at_ms", BatchType.BigInt, _ => 0L),
            new("enroll_request_id", BatchType.Text, _ => ""),
            new("applied_request_ids", BatchType.Text, _ => "[]"),
            new("profile", BatchType.Text, r => r.Profile),
            new("identity_hash", BatchType.Text, r => r.Hash),
            new("identity_cipher", BatchType.Text, r => r.Cipher),
            new("duplicate_block", BatchType.Text, r => r.Block),
            new("held_for_review", BatchType.Integer, r => r.Held));
    }

    private static async Task<Database> OpenAsync(PostgresServer? pg, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        Database database = pg is null
            ? new SqliteDatabase(Path.Combine(directory, name + ".db"))
            : new PostgresDatabase(await pg.CreateDatabaseAsync(name));
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        return database;
    }

    private static long Arg(string[] args, string name, long fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
