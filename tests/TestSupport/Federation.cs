namespace HealthRecords.TestSupport;

/// <summary>
/// A city node and district nodes as real processes on loopback, on SQLite files in a temporary
/// directory, or with the city on PostgreSQL. Several city processes may share one PostgreSQL database.
/// </summary>
public sealed class Federation : IAsyncDisposable
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), $"hr-fed-{Guid.NewGuid():N}");
    private readonly List<NodeProcess> _nodes = [];

    public IReadOnlyList<NodeProcess> Cities => _nodes.Where(n => n.Name.StartsWith("city", StringComparison.Ordinal)).ToList();

    public NodeProcess City => Cities[0];

    public Dictionary<string, NodeProcess> Districts { get; } = new();

    public string DataRoot => _dataRoot;

    /// <summary>Every node of this federation reads its clock offset from here (<c>Clock:OffsetFile</c>).</summary>
    public string ClockFile => Path.Combine(_dataRoot, "clock-offset");

    /// <summary>How far the federation's clock is ahead of the real one.</summary>
    public TimeSpan ClockOffset { get; private set; }

    /// <summary>Moves every node's clock forward: the next reading of any node's clock includes it.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        ClockOffset += by;
        Directory.CreateDirectory(_dataRoot);
        Grains.Time.OffsetFileClock.Write(ClockFile, ClockOffset);
    }

    /// <summary>
    /// Starts a city process; with a PostgreSQL connection string the city stores there instead of SQLite.
    /// <paramref name="settings"/> adds or overrides configuration (e.g. administrator accounts).
    /// </summary>
    public async Task<NodeProcess> StartCityAsync(string? postgresConnectionString = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var name = $"city{Cities.Count}";
        var configuration = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = Path.Combine(_dataRoot, name),
            ["Storage:PostgresConnectionString"] = postgresConnectionString ?? "",
            ["Topology:Path"] = RepoPaths.Topology,
            ["Clock:OffsetFile"] = ClockFile,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            configuration[key] = value;
        var node = new NodeProcess(name, "CityNode", FreePort.Next(), configuration);
        _nodes.Add(node);
        await node.StartAsync();
        return node;
    }

    /// <summary>Starts a district node relaying to the given city process (the first by default); <paramref name="settings"/> adds or overrides configuration.</summary>
    public async Task<NodeProcess> StartDistrictAsync(string districtCode, NodeProcess? city = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = new Dictionary<string, string>
        {
            ["District:Code"] = districtCode,
            ["District:CityAddress"] = (city ?? City).Address,
            ["Storage:DataDirectory"] = Path.Combine(_dataRoot, $"district-{districtCode}"),
            ["Topology:Path"] = RepoPaths.Topology,
            ["Clock:OffsetFile"] = ClockFile,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            configuration[key] = value;
        var node = new NodeProcess($"district-{districtCode}", "DistrictNode", FreePort.Next(), configuration);
        _nodes.Add(node);
        Districts[districtCode] = node;
        await node.StartAsync();
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        try { Directory.Delete(_dataRoot, recursive: true); } catch (IOException) { }
    }
}
