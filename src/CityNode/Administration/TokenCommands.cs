using System.Security.Cryptography;
using HealthRecords.Grains.Access;
using HealthRecords.Hosting.Security;

namespace HealthRecords.CityNode.Administration;

/// <summary>
/// The city's token authority on the command line (R-AC-5):
/// <c>make-token-key --out DIR</c> writes token-signing-key.pem (keep it on the city) and
/// token-public-key.pem (give it to every node as Security:Tokens:PublicKey);
/// <c>issue-token --key FILE --user U --institution I --role R [--record RN] [--wards RN,RN] [--valid 8:00:00]</c>
/// prints a signed token for <c>authorization: Bearer</c>.
/// </summary>
public static class TokenCommands
{
    public static bool TryRun(string[] args)
    {
        switch (args)
        {
            case ["make-token-key", .. var rest]:
                MakeKey(Option(rest, "--out") ?? ".");
                return true;
            case ["issue-token", .. var rest]:
                Console.WriteLine(Issue(rest));
                return true;
            default:
                return false;
        }
    }

    private static void MakeKey(string directory)
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signing = Path.Combine(directory, "token-signing-key.pem");
        File.WriteAllText(signing, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(signing, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(directory, "token-public-key.pem"), key.ExportSubjectPublicKeyInfoPem());
        Console.WriteLine($"Wrote {signing} and {Path.Combine(directory, "token-public-key.pem")}.");
    }

    private static string Issue(string[] args)
    {
        var roleName = Required(args, "--role");
        if (!Roles.TryParse(roleName, out var role))
            throw new ArgumentException($"--role '{roleName}' is not one of: {string.Join(", ", Enum.GetValues<Role>().Select(r => r.Name()))}.");
        var wards = Option(args, "--wards")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var principal = new Principal(Required(args, "--user"), Option(args, "--institution") ?? (role.IsCityLevel() ? Principal.CityInstitution : Required(args, "--institution")),
            role, Option(args, "--record"), wards);
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Required(args, "--key")));
        var validity = Option(args, "--valid") is { } valid ? TimeSpan.Parse(valid, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.FromHours(8);
        return AccessToken.Issue(key, principal, DateTimeOffset.UtcNow, validity);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Required(string[] args, string name) => Option(args, name) ?? throw new ArgumentException($"{name} is required.");
}
