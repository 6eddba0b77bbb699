using HealthRecords.Storage.Security;
using Microsoft.Extensions.Configuration;

namespace HealthRecords.Hosting.Security;

/// <summary>Reads the identity key ring (R-AC-6) from configuration; a missing or malformed setting is named in the error.</summary>
public static class IdentityKeyConfiguration
{
    public static IdentityKeyRing From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var current = configuration[IdentityKeyRing.CurrentSetting];
        if (string.IsNullOrWhiteSpace(current))
            throw new InvalidOperationException(
                $"{IdentityKeyRing.CurrentSetting} is not configured: the city stores identity numbers encrypted (R-AC-6) and needs " +
                $"{IdentityKeyRing.CurrentSetting}, {IdentityKeyRing.KeysSetting}:<id> and {IdentityKeyRing.HashKeySetting}. {IdentityKeyRing.Advice}");
        var keys = configuration.GetSection(IdentityKeyRing.KeysSetting).GetChildren()
            .ToDictionary(c => c.Key, c => Base64($"{IdentityKeyRing.KeysSetting}:{c.Key}", c.Value), StringComparer.Ordinal);
        var hashKey = configuration[IdentityKeyRing.HashKeySetting];
        if (string.IsNullOrWhiteSpace(hashKey))
            throw new InvalidOperationException(
                $"{IdentityKeyRing.HashKeySetting} is not configured: identities are looked up by a keyed hash (R-AC-6). {IdentityKeyRing.Advice}");
        return new IdentityKeyRing(current, keys, Base64(IdentityKeyRing.HashKeySetting, hashKey));
    }

    private static byte[] Base64(string setting, string? value)
    {
        try
        {
            return Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64. {IdentityKeyRing.Advice}");
        }
    }
}
