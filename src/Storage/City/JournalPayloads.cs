using System.Text.Json;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>
/// R-AC-6: the record journal's payloads. Events that name an identity (enrollment, R-ID-3 re-keying,
/// R-MG absorption) store it as the same kind of ciphertext as the record's, bound to the record
/// number, and are decrypted on read.
/// </summary>
internal static class JournalPayloads
{
    /// <summary>The event types whose payload names an identity.</summary>
    public static readonly string[] IdentityEventTypes = [nameof(ResidentEnrolled), nameof(IdentityRekeyed), nameof(RecordAbsorbed)];

    public static string Serialize(RecordEvent e, string recordNumber, IdentityProtector protector) =>
        JsonSerializer.Serialize(Map(e, key => IdentityProtector.IsCiphertext(key) ? key : protector.Encrypt(IdentityKey.Parse(key), recordNumber)), StorageJson.Options);

    public static RecordEvent Deserialize(string payload, string recordNumber, IdentityProtector protector) =>
        Map(JsonSerializer.Deserialize<RecordEvent>(payload, StorageJson.Options)!,
            key => IdentityProtector.IsCiphertext(key) ? protector.Decrypt(key, recordNumber).Value : key);

    /// <summary>Whether every identity the stored payload names is a ciphertext under <paramref name="keyId"/>.</summary>
    public static bool IsProtectedUnder(string payload, string recordNumber, string keyId)
    {
        var current = true;
        Map(JsonSerializer.Deserialize<RecordEvent>(payload, StorageJson.Options)!, key =>
        {
            current &= IdentityProtector.IsCiphertext(key) && IdentityProtector.KeyIdOf(key, recordNumber) == keyId;
            return key;
        });
        return current;
    }

    private static RecordEvent Map(RecordEvent e, Func<string, string> identity) => e switch
    {
        ResidentEnrolled x => x with { IdentityKey = identity(x.IdentityKey) },
        IdentityRekeyed x => x with { FormerIdentityKey = identity(x.FormerIdentityKey), IdentityKey = identity(x.IdentityKey) },
        RecordAbsorbed x => x with { IdentityKey = identity(x.IdentityKey) },
        _ => e,
    };
}
