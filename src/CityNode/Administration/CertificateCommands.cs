using HealthRecords.Grains.Topology;
using HealthRecords.Hosting.Certificates;

namespace HealthRecords.CityNode.Administration;

/// <summary>
/// The federation's local PKI on the command line (R-AC-5):
/// <c>make-certs --out DIR [--topology FILE] [--valid-days N]</c> writes ca.pem/ca.key (keep the key
/// on the city), city.pem/key, district-CODE.pem/key for each district node, district-CODE-it.pem/key
/// for its IT systems, institution-CODE.pem/key for each clinic and administration.pem/key for the
/// city administration's tools. An existing ca.pem + ca.key in DIR is reused, so certificates can be
/// added without re-issuing the others.
/// </summary>
public static class CertificateCommands
{
    public static bool TryRun(string[] args)
    {
        if (args is not ["make-certs", .. var rest])
            return false;
        var directory = Option(rest, "--out") ?? "certs";
        var topology = CityTopology.Load(Option(rest, "--topology") ?? "config/topology.demo.json");
        var validity = TimeSpan.FromDays(int.Parse(Option(rest, "--valid-days") ?? "365", System.Globalization.CultureInfo.InvariantCulture));
        using var authority = OpenAuthority(directory, validity);
        var written = 0;
        void Write(string name, CertificateIdentity identity, bool serves)
        {
            using var certificate = authority.Issue(identity, serves, validity);
            PemFiles.Write(directory, name, certificate);
            written++;
        }
        Write("city", CertificateIdentity.City, serves: true);
        Write("administration", CertificateIdentity.Administration, serves: false);
        foreach (var district in topology.Districts)
        {
            Write($"district-{district.Code}", CertificateIdentity.District(district.Code), serves: true);
            Write($"district-{district.Code}-it", CertificateIdentity.District(district.Code), serves: false);
            foreach (var institution in district.Institutions)
                Write($"institution-{institution.Code}", CertificateIdentity.Institution(institution.Code), serves: false);
        }
        Console.WriteLine($"Wrote {written} certificates signed by {Path.Combine(directory, "ca.pem")} to {directory}.");
        return true;
    }

    private static LocalCertificateAuthority OpenAuthority(string directory, TimeSpan validity)
    {
        var certificate = Path.Combine(directory, "ca.pem");
        var key = Path.Combine(directory, "ca.key");
        if (File.Exists(certificate) && File.Exists(key))
            return LocalCertificateAuthority.Load(File.ReadAllText(certificate), File.ReadAllText(key));
        // The CA outlives the certificates it signs, so that they can be renewed under the same root.
        var authority = LocalCertificateAuthority.Create("HealthRecords local CA", validity * 5);
        PemFiles.Write(directory, "ca", authority.Certificate);
        return authority;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
