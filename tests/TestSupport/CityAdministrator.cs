using System.Diagnostics;

namespace HealthRecords.TestSupport;

/// <summary>A city administrator for tests: a dashboard account (its password hash from the city node's own <c>hash-password</c> command) and a signed token for gRPC calls.</summary>
public sealed record CityAdministrator(string User, string Password, string PasswordHash)
{
    public static async Task<CityAdministrator> CreateAsync(string user = "admin", string password = "correct horse battery staple")
    {
        var start = new ProcessStartInfo("dotnet", [RepoPaths.NodeDll("CityNode"), "hash-password"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        var hash = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !hash.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal))
            throw new InvalidOperationException($"hash-password failed ({process.ExitCode}): {hash} {await process.StandardError.ReadToEndAsync()}");
        return new CityAdministrator(user, password, hash);
    }

    /// <summary>City configuration with this account as its only administrator.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Administrators:0:User"] = User,
        ["Administrators:0:PasswordHash"] = PasswordHash,
    };

    /// <summary>The metadata of a call made as this administrator: hr-caller and the user's signed token (R-AC-5).</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers(string? bearer = null) =>
    [
        new("hr-caller", $"administrator:{User}"),
        new("authorization", bearer ?? TestTokens.Bearer(new Grains.Access.Principal(User, Grains.Access.Principal.CityInstitution, Grains.Access.Role.CityAdministrator))),
    ];
}
