using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HealthRecords.Hosting.Certificates;
using HealthRecords.Rpc;

namespace HealthRecords.TestSupport;

/// <summary>
/// The local CA of the tests, made once per test process like the city's <c>make-certs</c> makes
/// one: every node started here serves mutual TLS with a certificate of it, and every client
/// presents the certificate of the caller it calls as (R-AC-5).
/// </summary>
public static class TestCertificates
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(30);
    private static readonly LocalCertificateAuthority Authority = LocalCertificateAuthority.Create("HealthRecords test CA", Validity * 2);
    private static readonly ConcurrentDictionary<CertificateIdentity, Lazy<X509Certificate2>> Issued = new();
    private static readonly ConcurrentDictionary<CertificateIdentity, Lazy<(string, string)>> Written = new();
    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory($"hr-certs-{Environment.ProcessId}-").FullName);
    private static readonly Lazy<string> CaFile = new(() =>
    {
        var path = Path.Combine(Folder.Value, "ca.pem");
        File.WriteAllText(path, Authority.Certificate.ExportCertificatePem());
        return path;
    });
    private static readonly Lazy<X509Certificate2> UnnamedCertificate = new(() => IssueUnnamed(Authority.Certificate));

    /// <summary>The CA certificate (public part) every node and client trusts.</summary>
    public static X509Certificate2 Ca { get; } = X509CertificateLoader.LoadCertificate(Authority.Certificate.RawData);

    public static string CaPath => CaFile.Value;

    /// <summary>A certificate of this CA that names no caller (a tool's, say): enough for health checks and reflection.</summary>
    public static X509Certificate2 Unnamed => UnnamedCertificate.Value;

    /// <summary>The certificate (with its key) of <paramref name="identity"/>; nodes' and clients' alike name localhost and 127.0.0.1.</summary>
    public static X509Certificate2 For(CertificateIdentity identity) =>
        Issued.GetOrAdd(identity, i => new Lazy<X509Certificate2>(() => Reloaded(Authority.Issue(i, serves: true, Validity)))).Value;

    /// <summary>PEM files of <paramref name="identity"/>'s certificate and key, for a node's Grpc:Tls or a command line.</summary>
    public static (string Certificate, string Key) Files(CertificateIdentity identity) =>
        Written.GetOrAdd(identity, i => new Lazy<(string, string)>(() =>
            PemFiles.Write(Folder.Value, i.Urn.Replace(':', '-'), For(i)))).Value;

    /// <summary>The identity whose certificate a call with this <c>hr-caller</c> header is made with; null for one naming nobody.</summary>
    public static CertificateIdentity? IdentityOf(string callerHeader)
    {
        var colon = callerHeader.IndexOf(':');
        if (colon <= 0)
            return null;
        var code = callerHeader[(colon + 1)..].Trim();
        return callerHeader[..colon].Trim() switch
        {
            "institution" when code.Length > 0 => CertificateIdentity.Institution(code),
            "district" when code.Length > 0 => CertificateIdentity.District(code),
            "administrator" => CertificateIdentity.Administration,
            _ => null,
        };
    }

    /// <summary>The clinic agent's <c>--cert --key --ca</c> for <paramref name="institutionCode"/>.</summary>
    public static string[] AgentArguments(string institutionCode)
    {
        var (certificate, key) = Files(CertificateIdentity.Institution(institutionCode));
        return ["--cert", certificate, "--key", key, "--ca", CaPath];
    }

    /// <summary>Channel options presenting <paramref name="certificate"/> and trusting this CA.</summary>
    public static GrpcChannelOptions ClientOptions(X509Certificate2 certificate) =>
        new() { ClientCertificate = certificate, TrustedServerCa = Ca };

    public static GrpcChannelOptions ClientOptions(CertificateIdentity identity) => ClientOptions(For(identity));

    /// <summary>A certificate of <paramref name="ca"/> without any urn:healthrecords: SAN URI.</summary>
    public static X509Certificate2 IssueUnnamed(X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test tool", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return Reloaded(issued.CopyWithPrivateKey(key));
    }

    /// <summary>Through PEM, as nodes and the clinic agent load theirs, so that TLS uses the key as it does there.</summary>
    private static X509Certificate2 Reloaded(X509Certificate2 certificate)
    {
        using (certificate)
            return X509Certificate2.CreateFromPem(certificate.ExportCertificatePem(), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }
}
