using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Rpc;

/// <summary>Chain validation against our own CA instead of the system store (private PKI between nodes).</summary>
internal static class CertificateChains
{
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2Collection trustedRoots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
