using HealthRecords.Storage.Security;

namespace HealthRecords.TestSupport;

/// <summary>
/// R-AC-6: the identity number keys of the tests, fresh per test process: every city node started
/// here gets them (unless a test sets its own), and storage tests protect identities with them.
/// </summary>
public static class TestIdentityKeys
{
    public const string KeyId = "test1";

    private static readonly string Key = IdentityKeyRing.GenerateKey();
    private static readonly string HashKey = IdentityKeyRing.GenerateKey();

    /// <summary>The ring as a city node reads it from configuration.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [IdentityKeyRing.CurrentSetting] = KeyId,
        [$"{IdentityKeyRing.KeysSetting}:{KeyId}"] = Key,
        [IdentityKeyRing.HashKeySetting] = HashKey,
    };

    public static IdentityKeyRing Ring { get; } = new(KeyId, new Dictionary<string, byte[]> { [KeyId] = Convert.FromBase64String(Key) }, Convert.FromBase64String(HashKey));

    public static IdentityProtector Protector { get; } = new(Ring);
}
