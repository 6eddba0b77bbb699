using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace HealthRecords.Rpc;

/// <summary>TLS material named by the Tls section: server certificate + key, and the CA for client certificates.</summary>
internal sealed record GrpcTlsSettings(X509Certificate2 ServerCertificate, X509Certificate2Collection? ClientCa)
{
    public static GrpcTlsSettings? Read(IConfigurationSection tls)
    {
        var certificate = tls["Certificate"];
        var key = tls["Key"];
        var clientCa = tls["ClientCa"];
        if (string.IsNullOrWhiteSpace(certificate) && string.IsNullOrWhiteSpace(key))
        {
            if (!string.IsNullOrWhiteSpace(clientCa))
            {
                throw new InvalidOperationException("Tls:ClientCa needs Tls:Certificate and Tls:Key.");
            }
            return null;
        }
        if (string.IsNullOrWhiteSpace(certificate) || string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException("Tls:Certificate and Tls:Key must be set together.");
        }
        var server = X509Certificate2.CreateFromPemFile(Path.GetFullPath(certificate), Path.GetFullPath(key));
        X509Certificate2Collection? ca = null;
        if (!string.IsNullOrWhiteSpace(clientCa))
        {
            ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(Path.GetFullPath(clientCa));
            if (ca.Count == 0)
            {
                throw new InvalidOperationException($"Tls:ClientCa '{clientCa}' holds no certificate.");
            }
        }
        return new GrpcTlsSettings(server, ca);
    }
}
