// Benchmark dispatcher: the first argument names the benchmark, the rest are its options.
using HealthRecords.Benchmarks;

var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["rpc"] = RpcUnaryBenchmark.RunAsync,
    ["upload"] = async options =>
    {
        await UploadThroughputBenchmark.RunAsync(options);
        return 0;
    },
    ["offsite-notices"] = async options =>
    {
        await OffsiteNoticeLatencyBenchmark.RunAsync(options);
        return 0;
    },
    ["reconcile"] = HealthRecords.Benchmarks.Reconciliation.ReconciliationBenchmark.RunAsync,
    ["dedup-import"] = HealthRecords.Benchmarks.Dedup.DedupImportBenchmark.RunAsync,
    ["lookup"] = async options =>
    {
        await EnrollmentLookupBenchmark.RunAsync(options);
        return 0;
    },
    ["quality"] = QualityReportBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Benchmarks <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}
return await run(args[1..]);
