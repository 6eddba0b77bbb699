using System.Security.Cryptography;
using HealthRecords.Grains.Access;
using HealthRecords.Hosting.Security;

namespace HealthRecords.TestSupport;

/// <summary>
/// The token authority of the tests: one ES256 key pair per test process, its public key given to
/// every node started here (Security:Tokens:PublicKey), and tokens for any user.
/// </summary>
public static class TestTokens
{
    private static readonly ECDsa SigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static readonly Lazy<string> PublicKeyFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"hr-token-key-{Environment.ProcessId}-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, SigningKey.ExportSubjectPublicKeyInfoPem());
        return path;
    });

    /// <summary>The PEM file of the public key, for a node's Security:Tokens:PublicKey.</summary>
    public static string PublicKeyPath => PublicKeyFile.Value;

    /// <summary>A token valid for 30 years by default: tests move the federation clock by months and years.</summary>
    public static string Issue(Principal principal, DateTimeOffset? issuedAt = null, TimeSpan? validity = null) =>
        AccessToken.Issue(SigningKey, principal, issuedAt ?? DateTimeOffset.UtcNow, validity ?? TimeSpan.FromDays(365 * 30));

    /// <summary>The metadata value <c>Bearer …</c> of <paramref name="principal"/>.</summary>
    public static string Bearer(Principal principal, DateTimeOffset? issuedAt = null, TimeSpan? validity = null) =>
        $"Bearer {Issue(principal, issuedAt, validity)}";

    /// <summary>A clinician of <paramref name="institution"/>, the usual user behind a clinic's reads.</summary>
    public static string Clinician(string institution, string user = "clinician") => Bearer(new Principal(user, institution, Role.Clinician));

    /// <summary>The bearer of the usual user behind a caller header: a clinic's clinician, a district's administrator.</summary>
    public static string ForCaller(string callerHeader)
    {
        var colon = callerHeader.IndexOf(':');
        var (kind, code) = (callerHeader[..colon], callerHeader[(colon + 1)..]);
        return kind switch
        {
            "institution" => Clinician(code),
            "district" => Bearer(new Principal("district-it", code, Role.DistrictAdministrator)),
            _ => Bearer(new Principal(code, Principal.CityInstitution, Role.CityAdministrator)),
        };
    }
}
