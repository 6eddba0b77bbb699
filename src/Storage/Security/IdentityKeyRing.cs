using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace HealthRecords.Storage.Security;

/// <summary>
/// R-AC-6: the keys that protect identity numbers, from configuration (base64, 32 bytes each):
/// <c>Security:IdentityKeys:Current</c> (the key id new ciphertexts use),
/// <c>Security:IdentityKeys:Keys:&lt;id&gt;</c> (every key still needed to decrypt) and
/// <c>Security:IdentityKeys:HashKey</c> (the lookup hash). The city does not start without them
/// (read by <c>Hosting.Security.IdentityKeyConfiguration</c>).
/// </summary>
public sealed class IdentityKeyRing
{
    public const string Section = "Security:IdentityKeys";
    public const string CurrentSetting = Section + ":Current";
    public const string KeysSetting = Section + ":Keys";
    public const string HashKeySetting = Section + ":HashKey";
    public const int KeySize = 32;

    public const string Advice = "Make keys with `dotnet HealthRecords.CityNode.dll generate-key` (see README, Identity number keys).";

    private readonly Dictionary<string, byte[]> _keys;

    public IdentityKeyRing(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys, byte[] hashKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(hashKey);
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id))
                throw new InvalidOperationException($"{KeysSetting}:{id}: a key id is letters, digits, '-' and '_' only.");
            if (key.Length != KeySize)
                throw new InvalidOperationException($"{KeysSetting}:{id} must be {KeySize} bytes (base64), but is {key.Length}. {Advice}");
        }
        if (!keys.ContainsKey(currentKeyId))
            throw new InvalidOperationException($"{CurrentSetting} is '{currentKeyId}', but there is no {KeysSetting}:{currentKeyId}. {Advice}");
        if (hashKey.Length < KeySize)
            throw new InvalidOperationException($"{HashKeySetting} must be at least {KeySize} bytes (base64), but is {hashKey.Length}. {Advice}");
        CurrentKeyId = currentKeyId;
        _keys = keys.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        HashKey = hashKey;
    }

    public string CurrentKeyId { get; }

    public byte[] HashKey { get; }

    public byte[] Key(string keyId) => _keys[keyId];

    public bool TryGetKey(string keyId, [NotNullWhen(true)] out byte[]? key) => _keys.TryGetValue(keyId, out key);

    /// <summary>A fresh random key, base64.</summary>
    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    private static bool IsValidKeyId(string id) =>
        id.Length is > 0 and <= 32 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
