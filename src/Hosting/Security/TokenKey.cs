using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace HealthRecords.Hosting.Security;

/// <summary>
/// The city token authority's public key (PEM), from <c>Security:Tokens:PublicKey</c>: every node
/// verifies users' tokens with it. A node without it does not start.
/// </summary>
public sealed class TokenKey(ECDsa publicKey)
{
    public const string Setting = "Security:Tokens:PublicKey";

    public ECDsa PublicKey { get; } = publicKey;

    public static TokenKey From(IConfiguration configuration)
    {
        var path = configuration[Setting];
        if (string.IsNullOrWhiteSpace(path))
            throw new InvalidOperationException(
                $"{Setting} is not configured: every node verifies users' bearer tokens with the city's token public key (PEM). " +
                "Make a key pair with `dotnet HealthRecords.CityNode.dll make-token-key --out DIR`.");
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return new TokenKey(key);
    }
}
