using System.Text.Json;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>
/// R-AC-6: the record journal's payloads. The enrollment event names the identity, so its identity key
/// is stored as the same kind of ciphertext as the record's (bound to the record number) and decrypted on read.
/// </summary>
internal static class JournalPayloads
{
    public static string Serialize(RecordEvent e, IdentityProtector protector) =>
        JsonSerializer.Serialize(Protected(e, protector), StorageJson.Options);

    public static RecordEvent Deserialize(string payload, IdentityProtector protector)
    {
        var e = JsonSerializer.Deserialize<RecordEvent>(payload, StorageJson.Options)!;
        return e is ResidentEnrolled enrolled && IdentityProtector.IsCiphertext(enrolled.IdentityKey)
            ? enrolled with { IdentityKey = protector.Decrypt(enrolled.IdentityKey, enrolled.RecordNumber).Value }
            : e;
    }

    /// <summary>The event as it is stored: an enrollment's plaintext identity key replaced by its ciphertext under the current key.</summary>
    public static RecordEvent Protected(RecordEvent e, IdentityProtector protector) =>
        e is ResidentEnrolled enrolled && !IdentityProtector.IsCiphertext(enrolled.IdentityKey)
            ? enrolled with { IdentityKey = protector.Encrypt(IdentityKey.Parse(enrolled.IdentityKey), enrolled.RecordNumber) }
            : e;
}
