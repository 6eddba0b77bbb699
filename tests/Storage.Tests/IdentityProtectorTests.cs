using HealthRecords.Grains.Identity;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.Tests;

/// <summary>R-AC-6: the identity cipher and keyed hash on their own.</summary>
public sealed class IdentityProtectorTests
{
    private const string RecordNumber = "50010300100100001";
    private static readonly IdentityKey Identity = IdentityKey.FromInput(new IdentityInput("11010519491231002X", null, null, null));

    [Fact]
    public void Ciphertext_DecryptsToTheIdentity_AndHidesIt()
    {
        // R-AC-6
        var protector = New("k1");

        var cipher = protector.Encrypt(Identity, RecordNumber);

        Assert.StartsWith("aesgcm:k1:", cipher, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", cipher, StringComparison.Ordinal);
        Assert.NotEqual(cipher, protector.Encrypt(Identity, RecordNumber)); // a fresh nonce each time
        Assert.Equal(Identity, protector.Decrypt(cipher, RecordNumber));
    }

    [Fact]
    public void TamperedCiphertext_FailsToDecrypt()
    {
        // R-AC-6: AES-GCM authenticates; a flipped bit is an error, not another identity.
        var protector = New("k1");
        var cipher = protector.Encrypt(Identity, RecordNumber);
        var bytes = Convert.FromBase64String(cipher["aesgcm:k1:".Length..]);
        bytes[14] ^= 0x01;
        var tampered = "aesgcm:k1:" + Convert.ToBase64String(bytes);

        var error = Assert.Throws<IdentityDecryptionException>(() => protector.Decrypt(tampered, RecordNumber));

        Assert.Contains("does not authenticate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CiphertextMovedToAnotherRecord_FailsToDecrypt()
    {
        // R-AC-6: the record number is the associated data.
        var protector = New("k1");
        var cipher = protector.Encrypt(Identity, RecordNumber);

        var error = Assert.Throws<IdentityDecryptionException>(() => protector.Decrypt(cipher, "50010300100100002"));

        Assert.Equal("50010300100100002", error.RecordNumber);
    }

    [Fact]
    public void KeyedHash_IsStable_AndDependsOnTheHashKey()
    {
        // R-AC-6, R-ID-1: the same identity always gives the same lookup key; without the hash key nobody can compute it.
        var a = New("k1");
        var b = New("k1");

        Assert.Equal(a.Hash(Identity), a.Hash(Identity));
        Assert.Equal(64, a.Hash(Identity).Length);
        Assert.NotEqual(a.Hash(Identity), b.Hash(Identity));
        Assert.NotEqual(a.Hash(Identity), a.Hash(IdentityKey.FromInput(new IdentityInput("440524188001010014", null, null, null))));
    }

    [Fact]
    public void KeyRing_RefusesMisconfiguration_WithTheSettingNamed()
    {
        // R-AC-6: a wrong configuration stops the city with a clear message.
        var key = Convert.FromBase64String(IdentityKeyRing.GenerateKey());

        var noCurrent = Assert.Throws<InvalidOperationException>(() => new IdentityKeyRing("k2", new Dictionary<string, byte[]> { ["k1"] = key }, key));
        var shortKey = Assert.Throws<InvalidOperationException>(() => new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = key[..16] }, key));
        var shortHash = Assert.Throws<InvalidOperationException>(() => new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = key }, key[..8]));

        Assert.Contains("Security:IdentityKeys:Keys:k2", noCurrent.Message, StringComparison.Ordinal);
        Assert.Contains("Security:IdentityKeys:Keys:k1 must be 32 bytes", shortKey.Message, StringComparison.Ordinal);
        Assert.Contains("Security:IdentityKeys:HashKey", shortHash.Message, StringComparison.Ordinal);
    }

    private static IdentityProtector New(string keyId) => new(new IdentityKeyRing(keyId,
        new Dictionary<string, byte[]> { [keyId] = Convert.FromBase64String(IdentityKeyRing.GenerateKey()) },
        Convert.FromBase64String(IdentityKeyRing.GenerateKey())));
}
