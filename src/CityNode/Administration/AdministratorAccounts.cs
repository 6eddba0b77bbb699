using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthRecords.CityNode.Administration;

/// <summary>
/// The city administrators who may reconcile counts and sign in to the dashboard: configured as
/// <c>Administrators:N:User</c> and <c>Administrators:N:PasswordHash</c> (PBKDF2-SHA256, from
/// <c>dotnet HealthRecords.CityNode.dll hash-password</c>). No plain passwords in configuration.
/// Issue 7's signed tokens and roles replace this for every other user.
/// </summary>
public sealed class AdministratorAccounts
{
    public const string Role = "city-administrator";

    private const int Iterations = 100_000;
    private readonly Dictionary<string, string> _hashes;

    public AdministratorAccounts(IEnumerable<(string User, string PasswordHash)> accounts) =>
        _hashes = accounts.ToDictionary(a => a.User, a => a.PasswordHash, StringComparer.Ordinal);

    public static AdministratorAccounts From(IConfiguration configuration) => new(configuration.GetSection("Administrators").GetChildren()
        .Select(a => (a["User"] ?? "", a["PasswordHash"] ?? ""))
        .Where(a => a.Item1.Length > 0 && a.Item2.Length > 0));

    public bool Any => _hashes.Count > 0;

    /// <summary>Whether the user is an administrator and the password is theirs; the same work whether or not the user exists.</summary>
    public bool Verify(string user, string password)
    {
        var known = _hashes.TryGetValue(user, out var stored);
        return Matches(password, known ? stored! : Hash("", RandomNumberGenerator.GetBytes(16))) && known;
    }

    /// <summary>"pbkdf2-sha256$iterations$salt$hash", salt and hash in base64.</summary>
    public static string Hash(string password) => Hash(password, RandomNumberGenerator.GetBytes(16));

    private static string Hash(string password, byte[] salt)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    private static bool Matches(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations))
            return false;
        byte[] salt, expected;
        try
        {
            (salt, expected) = (Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
