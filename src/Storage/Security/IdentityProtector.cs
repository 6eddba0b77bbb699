using System.Security.Cryptography;
using System.Text;
using HealthRecords.Grains.Identity;

namespace HealthRecords.Storage.Security;

/// <summary>
/// R-AC-6: identity numbers at rest. The city stores a keyed hash (HMAC-SHA256) of the canonical
/// identity key for lookup and uniqueness (R-ID-1), and an AES-256-GCM ciphertext for display.
/// The ciphertext is bound to its record number (associated data), so one moved to another row
/// does not decrypt, and names its key id, so keys can rotate.
/// </summary>
public sealed class IdentityProtector
{
    /// <summary>Marks a ciphertext: <c>aesgcm:&lt;key id&gt;:&lt;base64(nonce | ciphertext | tag)&gt;</c>. No identity key starts with it.</summary>
    public const string CipherPrefix = "aesgcm:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IdentityKeyRing _keys;

    public IdentityProtector(IdentityKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>The key id new ciphertexts are made under.</summary>
    public string CurrentKeyId => _keys.CurrentKeyId;

    /// <summary>The lookup and uniqueness key of an identity: lowercase hex HMAC-SHA256 under the hash key.</summary>
    public string Hash(IdentityKey identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_keys.HashKey, Encoding.UTF8.GetBytes(identity.Value)));
    }

    /// <summary>The identity encrypted under the current key, bound to <paramref name="recordNumber"/>.</summary>
    public string Encrypt(IdentityKey identity, string recordNumber)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var plaintext = Encoding.UTF8.GetBytes(identity.Value);
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys.Key(_keys.CurrentKeyId), TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(recordNumber));
        return $"{CipherPrefix}{_keys.CurrentKeyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>
    /// The identity of <paramref name="recordNumber"/> from its ciphertext. Throws
    /// <see cref="IdentityDecryptionException"/> when the key id is not configured, the ciphertext was
    /// altered or made for another record, or the configured key is not the one it was made with.
    /// </summary>
    public IdentityKey Decrypt(string ciphertext, string recordNumber)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var (keyId, sealedBytes) = Split(ciphertext, recordNumber);
        if (!_keys.TryGetKey(keyId, out var key))
            throw new IdentityDecryptionException(recordNumber,
                $"it is encrypted under key id '{keyId}', which is not configured in {IdentityKeyRing.KeysSetting}:{keyId}");
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new IdentityDecryptionException(recordNumber, "the ciphertext is too short");
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(recordNumber));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new IdentityDecryptionException(recordNumber,
                $"the ciphertext does not authenticate under key '{keyId}': the key is wrong, the ciphertext was altered, or it belongs to another record");
        }
        return IdentityKey.Parse(Encoding.UTF8.GetString(plaintext));
    }

    /// <summary>Whether <paramref name="value"/> is a ciphertext (as opposed to a plaintext identity key awaiting conversion).</summary>
    public static bool IsCiphertext(string? value) => value is not null && value.StartsWith(CipherPrefix, StringComparison.Ordinal);

    /// <summary>The key id a ciphertext was made under.</summary>
    public static string KeyIdOf(string ciphertext, string recordNumber) => Split(ciphertext, recordNumber).KeyId;

    private static (string KeyId, byte[] Sealed) Split(string ciphertext, string recordNumber)
    {
        var separator = IsCiphertext(ciphertext) ? ciphertext.IndexOf(':', CipherPrefix.Length) : -1;
        if (separator < 0)
            throw new IdentityDecryptionException(recordNumber, $"the stored value is not of the form {CipherPrefix}<key id>:<base64>");
        try
        {
            return (ciphertext[CipherPrefix.Length..separator], Convert.FromBase64String(ciphertext[(separator + 1)..]));
        }
        catch (FormatException)
        {
            throw new IdentityDecryptionException(recordNumber, "the ciphertext is not base64");
        }
    }
}
