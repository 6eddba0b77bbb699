namespace HealthRecords.DistrictNode;

public sealed class DistrictOptions
{
    /// <summary>This district's GB/T 2260 county code, e.g. 500103.</summary>
    public string Code { get; set; } = "";

    /// <summary>The city node, e.g. http://127.0.0.1:5100.</summary>
    public string CityAddress { get; set; } = "";

    /// <summary>Longest wait for the city on one relayed call, unless the caller's deadline is sooner.</summary>
    public TimeSpan CityCallTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
