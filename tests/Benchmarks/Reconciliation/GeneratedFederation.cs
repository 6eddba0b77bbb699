using System.Diagnostics;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>
/// The fixture's city node and one district node per district as real processes on loopback, each on
/// its generated SQLite file and the generated topology. The city's schedule is off (the benchmark
/// runs every reconciliation) and it has one administrator. Disposing kills every process.
/// </summary>
internal sealed class GeneratedFederation : IAsyncDisposable
{
    // Node start-up is mostly JIT and file opening: a few at a time keeps two cores busy without thrashing.
    private const int StartingAtOnce = 4;

    private readonly List<NodeProcess> _nodes = [];

    private GeneratedFederation(NodeProcess city) => City = city;

    public NodeProcess City { get; }

    public int ProcessCount => _nodes.Count;

    /// <summary>The last lines a district's process printed, for a failure message.</summary>
    public string OutputOf(string districtCode, int lines = 20) =>
        string.Join(Environment.NewLine, (_nodes.Find(n => n.Name == $"district-{districtCode}")?.Output ?? "")
            .Split(Environment.NewLine).TakeLast(lines));

    public static async Task<GeneratedFederation> StartAsync(FixtureLayout layout, CityAdministrator administrator)
    {
        var watch = Stopwatch.StartNew();
        var city = new NodeProcess("city", "CityNode", FreePort.Next(), new Dictionary<string, string>(administrator.Settings)
        {
            ["Storage:DataDirectory"] = layout.CityDataDirectory,
            ["Storage:PostgresConnectionString"] = "",
            ["Topology:Path"] = layout.TopologyPath,
            ["Reconciliation:Every"] = "00:00:00",
        });
        var federation = new GeneratedFederation(city);
        federation._nodes.Add(city);
        try
        {
            await city.StartAsync();
            var districts = Enumerable.Range(0, layout.City.Districts).Select(d => new NodeProcess(
                $"district-{layout.City.DistrictCode(d)}", "DistrictNode", FreePort.Next(), new Dictionary<string, string>
                {
                    ["District:Code"] = layout.City.DistrictCode(d),
                    ["District:CityAddress"] = city.Address,
                    ["Storage:DataDirectory"] = layout.DistrictDataDirectory(d),
                    ["Topology:Path"] = layout.TopologyPath,
                })).ToList();
            federation._nodes.AddRange(districts);
            await Parallel.ForEachAsync(districts, new ParallelOptions { MaxDegreeOfParallelism = StartingAtOnce },
                async (district, _) => await district.StartAsync(TimeSpan.FromMinutes(3)));
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
        Console.WriteLine($"started {federation.ProcessCount} node processes (1 city, {layout.City.Districts} districts) in {watch.Elapsed.TotalSeconds:F0} s");
        return federation;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
    }
}
