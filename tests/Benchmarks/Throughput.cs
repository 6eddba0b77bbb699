using System.Diagnostics;

namespace HealthRecords.Benchmarks;

/// <summary>Runs an operation from C concurrent loops for a fixed time and reports operations per second.</summary>
internal static class Throughput
{
    public static async Task<double> MeasureAsync(int concurrency, TimeSpan duration, Func<int, Random, Task> operation, int seed = 42)
    {
        long done = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w);
            while (watch.Elapsed < duration)
            {
                await operation(w, random);
                Interlocked.Increment(ref done);
            }
        }));
        await Task.WhenAll(workers);
        return done / watch.Elapsed.TotalSeconds;
    }
}
