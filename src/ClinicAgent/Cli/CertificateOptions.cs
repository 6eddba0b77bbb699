using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using HealthRecords.Rpc;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>The clinic's certificate for mutual TLS with its district (R-AC-5); from options or HR_CERT / HR_KEY / HR_CA.</summary>
internal static class CertificateOptions
{
    public static readonly Option<string?> Certificate = Create("--cert", "HR_CERT", "This clinic's certificate (PEM), from the city's make-certs");

    public static readonly Option<string?> Key = Create("--key", "HR_KEY", "The private key of --cert (PEM)");

    public static readonly Option<string?> Ca = Create("--ca", "HR_CA", "The federation's CA certificate (PEM) that signed the district node's certificate");

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Certificate);
        root.Options.Add(Key);
        root.Options.Add(Ca);
    }

    /// <summary>The channel options for an https:// district; null when no certificate is given (a cleartext development district).</summary>
    public static GrpcChannelOptions? Read(ParseResult parse)
    {
        var certificate = parse.GetValue(Certificate);
        var key = parse.GetValue(Key);
        var ca = parse.GetValue(Ca);
        if (certificate is null && key is null && ca is null)
            return null;
        if (certificate is null || key is null || ca is null)
            throw new UsageException("--cert, --key and --ca (or HR_CERT, HR_KEY, HR_CA) go together: the clinic's certificate, its key and the federation's CA.");
        return new GrpcChannelOptions
        {
            ClientCertificate = X509Certificate2.CreateFromPemFile(certificate, key),
            TrustedServerCa = X509Certificate2.CreateFromPem(File.ReadAllText(ca)),
        };
    }

    private static Option<string?> Create(string name, string variable, string description) => new(name)
    {
        Description = $"{description} (env {variable})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null,
    };
}
