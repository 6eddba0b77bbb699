using System.Security.Cryptography.X509Certificates;
using HealthRecords.Rpc;

namespace HealthRecords.DistrictNode;

/// <summary>
/// The district's connection to the city. Under mutual TLS the district presents its own node
/// certificate (it names the district, R-AC-5) and trusts the federation's CA, unless
/// District:ClientCertificate / ClientKey / CityCa name other files.
/// </summary>
internal static class CityChannel
{
    public static GrpcChannel Open(DistrictOptions options, IConfiguration configuration)
    {
        var tls = configuration.GetSection("Grpc:Tls");
        var certificate = Setting(options.ClientCertificate, tls["Certificate"]);
        var key = Setting(options.ClientKey, tls["Key"]);
        var ca = Setting(options.CityCa, tls["ClientCa"]);
        return GrpcChannel.ForAddress(options.CityAddress, new GrpcChannelOptions
        {
            TrustedServerCa = ca is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(ca)),
            ClientCertificate = certificate is null ? null : X509Certificate2.CreateFromPemFile(certificate, key),
        });
    }

    private static string? Setting(string? own, string? fallback) =>
        !string.IsNullOrWhiteSpace(own) ? own : !string.IsNullOrWhiteSpace(fallback) ? fallback : null;
}
