namespace HealthRecords.Storage.Security;

/// <summary>A stored identity that cannot be decrypted: never shown as anything else, never silently skipped.</summary>
public sealed class IdentityDecryptionException(string recordNumber, string reason)
    : Exception($"The identity number of record {recordNumber} cannot be decrypted: {reason}.")
{
    public string RecordNumber { get; } = recordNumber;
}
