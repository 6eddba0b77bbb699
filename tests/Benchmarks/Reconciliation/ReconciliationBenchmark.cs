using System.Diagnostics;
using System.Globalization;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>
/// R-CN-2 at scale (issue 6): a generated city of N records in D districts on SQLite, a real city node
/// and D real district nodes. Measures a consistent reconciliation of every district (RunReconciliation
/// over gRPC, as an administrator) and the run that pinpoints corrupted district rows, checking that
/// the findings are exactly the corrupted records. Baselines in the same run: the fixture's inserts
/// without the digest triggers, and a full-scan comparison of every row of both tiers (what digests avoid).
///   dotnet run -c Release --project tests/Benchmarks -- reconcile [--records 10000000] [--districts 40] [--corrupt 100] [--runs 3] [--keep DIR]
/// </summary>
internal static class ReconciliationBenchmark
{
    private const int Seed = 20261122;
    private const int WarmUpRuns = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var city = GeneratedCity.For(Arg(args, "--records", 10_000_000), (int)Arg(args, "--districts", 40));
        var corrupt = (int)Arg(args, "--corrupt", 100);
        var runs = (int)Arg(args, "--runs", 3);
        if (runs < 1 || corrupt < 1)
            throw new ArgumentException("--runs and --corrupt must be at least 1.");
        var keep = Array.IndexOf(args, "--keep") is var k and >= 0 && k + 1 < args.Length ? Path.GetFullPath(args[k + 1]) : null;
        var directory = keep ?? Path.Combine(Path.GetTempPath(), $"hr-reconcile-{Guid.NewGuid():N}");
        try
        {
            return await RunAsync(directory, city, corrupt, runs);
        }
        catch (BenchmarkFailed e)
        {
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return 1;
        }
        finally
        {
            if (keep is null && Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> RunAsync(string directory, GeneratedCity shape, int corrupt, int runs)
    {
        Console.WriteLine($"reconciliation benchmark: {shape.Records:N0} records, {shape.Districts} districts, {corrupt} corrupted, {Environment.ProcessorCount} cores");
        var opening = Stopwatch.StartNew();
        var (fixture, reused) = await ReconciliationFixture.OpenOrBuildAsync(directory, shape);
        var layout = fixture.Layout;
        PrintFixture(fixture.Build, reused, opening.Elapsed);
        if (await IndexCorruption.RestoreAsync(layout))
            Console.WriteLine("  restored the rows an interrupted run had corrupted");

        var administrator = await CityAdministrator.CreateAsync("bench-admin");
        await using var federation = await GeneratedFederation.StartAsync(layout, administrator);
        using var channel = TestChannel.For(federation.City.Address);
        var client = ReconciliationCalls.As(channel, administrator);
        await WaitConnectedAsync(client, federation, TimeSpan.FromMinutes(3));
        // Long-running nodes: the timed runs are not the first through this code in 41 fresh processes.
        for (var i = 0; i < WarmUpRuns; i++)
            await client.RunAsync();

        var consistent = await ConsistentRunsAsync(client, shape, runs);

        // Corrupted district rows, written behind the running nodes' backs; each run must name exactly them.
        var corruptions = IndexCorruption.Choose(shape, corrupt, Seed);
        var expected = corruptions.ToDictionary(c => shape.RecordNumber(c.District, c.Clinic, c.Serial), StringComparer.Ordinal);
        var corrupting = Stopwatch.StartNew();
        await IndexCorruption.ApplyAsync(layout, corruptions);
        Console.WriteLine($"corrupted {corrupt} district rows in {corruptions.Select(c => c.District).Distinct().Count()} districts " +
            $"({string.Join(", ", corruptions.GroupBy(c => c.Kind).Select(g => $"{g.Count()} {g.Key}"))}) in {corrupting.Elapsed.TotalSeconds:F1} s");
        try
        {
            var (pinpoints, found) = await PinpointRunsAsync(client, expected, runs);
            var roundTrips = found.Districts.Sum(d => d.RoundTrips);
            Console.WriteLine($"  {found.Districts.Count(d => d.FindingCount > 0)} districts and {found.Districts.Sum(d => d.Clinics.Count(c => !c.Matches))} clinics differed; " +
                $"round trips to the districts: {roundTrips} in all, at most {found.Districts.Max(d => d.RoundTrips)} for one district");

            // Baselines of the same run, on the same corrupted files.
            var scan = await FullScanComparison.RunAsync(layout);
            Expect(scan.Differing.Order(StringComparer.Ordinal).SequenceEqual(expected.Keys.Order(StringComparer.Ordinal)),
                $"the full scan found {scan.Differing.Count} differing records, not the {expected.Count} corrupted");
            var full = scan.Elapsed.TotalSeconds;
            Console.WriteLine($"baseline, full-scan comparison in-process (no network): {full:F1} s, " +
                $"{scan.CityRows:N0} city rows + {scan.DistrictRows:N0} district rows read, the same {scan.Differing.Count} records found");
            Console.WriteLine($"ratio to the full scan (time / full scan's time): consistent {Median(consistent) / full:F3}, " +
                $"pinpointing {pinpoints[0] / full:F3} first, {Median(pinpoints) / full:F3} median");
            var rtt = Median(await OffsiteNoticeLatencyBenchmark.RawRoundTripsAsync(1000));
            Console.WriteLine($"raw kestrel h2 POST round trip (same run): median {rtt:F2} ms; {roundTrips} round trips one after another would be {roundTrips * rtt / 1000:F2} s");
            Console.WriteLine($"summary: consistent median {Median(consistent):F2} s over {runs} runs; pinpointing {pinpoints[0]:F2} s first, " +
                $"median {Median(pinpoints):F2} s over {runs} runs; full scan {full:F1} s");
        }
        finally
        {
            await IndexCorruption.RestoreAsync(layout);
        }
        var again = await client.RunAsync();
        Expect(again.Outcome == ReconciliationOutcome.Consistent, $"after restoring the corrupted rows: outcome {again.Outcome}");
        Console.WriteLine("corrupted rows restored; the fixture reconciles as consistent again");
        return 0;
    }

    /// <summary>Every clinic's figures agree: one query per district, no narrowing.</summary>
    private static async Task<List<double>> ConsistentRunsAsync(ReconciliationCalls client, GeneratedCity shape, int runs)
    {
        var times = new List<double>();
        for (var i = 1; i <= runs; i++)
        {
            var (run, elapsed) = await TimedAsync(() => client.RunAsync());
            Expect(run.Outcome == ReconciliationOutcome.Consistent, $"consistent run {i}: outcome {run.Outcome}, {run.FindingCount} findings");
            Expect(run.RecordsCompared == shape.Records, $"consistent run {i}: {run.RecordsCompared:N0} records compared, expected {shape.Records:N0}");
            times.Add(elapsed.TotalSeconds);
            Console.WriteLine($"consistent reconciliation {i}: {elapsed.TotalSeconds:F2} s (city's own clock {Duration(run):F2} s), " +
                $"{run.RecordsCompared:N0} records compared, {run.Districts.Sum(d => d.RoundTrips)} round trips");
        }
        return times;
    }

    /// <summary>
    /// Runs that narrow the differing clinics down to the corrupted records, each checked exact. The
    /// first is the first through the narrowing code in these processes; the repeats are warm.
    /// </summary>
    private static async Task<(List<double> Times, Contracts.City.V1.Reconciliation Last)> PinpointRunsAsync(
        ReconciliationCalls client, Dictionary<string, IndexCorruption> expected, int runs)
    {
        var times = new List<double>();
        Contracts.City.V1.Reconciliation? last = null;
        for (var i = 1; i <= runs; i++)
        {
            var (run, elapsed) = await TimedAsync(() => client.RunAsync());
            var findings = await client.FindingsAsync(run.ReconciliationId);
            var exact = CheckFindings(run, findings, expected);
            times.Add(elapsed.TotalSeconds);
            last = run;
            Console.WriteLine($"pinpointing reconciliation {i}{(i == 1 ? " (first)" : "")}: {elapsed.TotalSeconds:F2} s (city's own clock {Duration(run):F2} s), " +
                $"{run.RecordsCompared:N0} records compared; findings: {exact}/{expected.Count} corrupted records found, {findings.Count} listed, exact");
        }
        return (times, last!);
    }

    /// <summary>The districts open their digest exchanges once started; until each has, the run is INCOMPLETE.</summary>
    private static async Task WaitConnectedAsync(ReconciliationCalls client, GeneratedFederation federation, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var run = await client.RunAsync();
            var missing = run.Districts.Where(d => d.Outcome == ReconciliationOutcome.Incomplete).Select(d => d.DistrictCode).ToList();
            if (missing.Count == 0)
            {
                Console.WriteLine($"every district's digest exchange answered after {attempt} run(s), {watch.Elapsed.TotalSeconds:F1} s");
                return;
            }
            Expect(watch.Elapsed < timeout, $"districts {string.Join(", ", missing)} still unreachable after {timeout}: " +
                $"{run.Districts.First(d => missing.Contains(d.DistrictCode)).Detail}\n{missing[0]} printed:\n{federation.OutputOf(missing[0])}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Each finding must be one corrupted record, of the kind and fields its corruption makes; returns how many matched.</summary>
    private static int CheckFindings(Contracts.City.V1.Reconciliation run, List<ReconciliationFinding> findings, Dictionary<string, IndexCorruption> expected)
    {
        Expect(run.Outcome == ReconciliationOutcome.DifferencesFound, $"pinpointing run: outcome {run.Outcome}");
        Expect(run.RecordsCompared > 0 && run.Districts.All(d => d.Outcome != ReconciliationOutcome.Incomplete), "pinpointing run: a district was not compared");
        Expect(run.FindingCount == expected.Count, $"pinpointing run: {run.FindingCount} findings, expected {expected.Count}");
        var unexpected = findings.Where(f => !expected.ContainsKey(f.RecordNumber)).Select(f => f.RecordNumber).ToList();
        var missed = expected.Keys.Except(findings.Select(f => f.RecordNumber)).ToList();
        Expect(unexpected.Count == 0 && missed.Count == 0 && findings.Count == expected.Count,
            $"findings are not the corrupted records: {unexpected.Count} unexpected ({string.Join(", ", unexpected.Take(5))}), {missed.Count} missed ({string.Join(", ", missed.Take(5))})");
        foreach (var finding in findings)
        {
            var (kind, fields) = expected[finding.RecordNumber].ExpectedFinding;
            Expect(finding.Kind == kind && finding.DifferingFields.SequenceEqual(fields),
                $"{finding.RecordNumber}: {finding.Kind} [{string.Join(", ", finding.DifferingFields)}], expected {kind} [{string.Join(", ", fields)}]");
        }
        return findings.Count;
    }

    private static void PrintFixture(FixtureBuild build, bool reused, TimeSpan opening)
    {
        var records = build.City.Records;
        Console.WriteLine(reused
            ? $"fixture reused ({opening.TotalSeconds:F1} s to open); its build on {build.BuiltAt:yyyy-MM-dd HH:mm} UTC measured:"
            : "fixture built:");
        Console.WriteLine($"  {records:N0} records at the city and again at the districts, {build.Bytes / (1024.0 * 1024 * 1024):F1} GiB, built in {build.BuildSeconds / 60:F1} min");
        Console.WriteLine($"  city:      {records / build.CityInsertSeconds,9:N0} rows/s with digest triggers | {records / build.CityRawInsertSeconds,9:N0} rows/s without (raw) | ratio {build.CityRawInsertSeconds / build.CityInsertSeconds:F2}");
        Console.WriteLine($"  districts: {records / build.DistrictInsertSeconds,9:N0} rows/s with digest triggers | {records / build.DistrictRawInsertSeconds,9:N0} rows/s without (raw) | ratio {build.DistrictRawInsertSeconds / build.DistrictInsertSeconds:F2}");
    }

    private static async Task<(T Result, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call();
        return (result, watch.Elapsed);
    }

    private static double Duration(Contracts.City.V1.Reconciliation run) => (run.FinishedAt.ToDateTimeOffset() - run.StartedAt.ToDateTimeOffset()).TotalSeconds;

    private static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
            throw new BenchmarkFailed(failure);
    }

    private static long Arg(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class BenchmarkFailed(string message) : Exception(message);
}
