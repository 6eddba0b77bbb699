namespace HealthRecords.DistrictNode;

public sealed class DistrictOptions
{
    /// <summary>This district's GB/T 2260 county code, e.g. 500103.</summary>
    public string Code { get; set; } = "";

    /// <summary>The city node, e.g. http://127.0.0.1:5100.</summary>
    public string CityAddress { get; set; } = "";

    /// <summary>PEM file of the CA that signed the city's certificate, when the city serves TLS (https://).</summary>
    public string? CityCa { get; set; }

    /// <summary>PEM certificate and key this district presents when the city requires mutual TLS.</summary>
    public string? ClientCertificate { get; set; }

    public string? ClientKey { get; set; }

    /// <summary>Longest wait for the city on one relayed call, unless the caller's deadline is sooner.</summary>
    public TimeSpan CityCallTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
