namespace HealthRecords.CityNode.Reconciliation;

/// <summary>Configuration section <c>Reconciliation</c>: how often it runs by itself and how long it waits for a district.</summary>
public sealed class ReconciliationOptions
{
    /// <summary>Interval of scheduled runs; zero or unset: no schedule.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long one query may take a district (a leaf listing of a large clinic).</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for a district to apply the events the city had sent when its comparison began.</summary>
    public TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Findings stored per district and run; beyond it the district's detail says how many more there were.</summary>
    public int MaxFindingsPerDistrict { get; set; } = 10_000;

    /// <summary>Districts compared at once.</summary>
    public int Parallelism { get; set; } = 8;
}
