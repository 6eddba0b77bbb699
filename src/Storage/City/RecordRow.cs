using System.Text.Json;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>The <c>records</c> table's row, and its mapping to and from the record grain's state.</summary>
internal class RecordRow
{
    public const string Columns = CitySchema.RecordColumns + ", lifecycle, identity_hash, identity_cipher, duplicate_block";

    public string RecordNumber { get; set; } = "";
    // R-AC-6: '' once protected; the plaintext identity key only in rows awaiting the start-up conversion.
    public string IdentityKey { get; set; } = "";
    public string? IdentityHash { get; set; }
    public string? IdentityCipher { get; set; }
    public string OwnerInstitution { get; set; } = "";
    public string OwnerDistrict { get; set; } = "";
    public long Status { get; set; }
    public long Version { get; set; }
    public string EnrollingInstitution { get; set; } = "";
    public string EnrolledBy { get; set; } = "";
    public long EnrolledAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
    public string EnrollRequestId { get; set; } = "";
    public string AppliedRequestIds { get; set; } = "[]";
    public string Profile { get; set; } = "{}";
    // NULL until the record's status or ownership first changes (and in bulk-loaded fixtures).
    public string? Lifecycle { get; set; }
    // R-ID-1: where duplicate detection looks for this record's look-alikes; null without name or date of birth.
    public string? DuplicateBlock { get; set; }

    public RecordState ToState(IdentityProtector protector) => new(
        Grains.Identity.RecordNumber.Parse(RecordNumber),
        IdentityCipher is null ? Grains.Identity.IdentityKey.Parse(IdentityKey) : protector.Decrypt(IdentityCipher, RecordNumber),
        OwnerInstitution,
        OwnerDistrict,
        (RecordStatus)Status,
        Version,
        EnrollingInstitution,
        EnrolledBy,
        DateTimeOffset.FromUnixTimeMilliseconds(EnrolledAtMs),
        DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs),
        EnrollRequestId,
        ToProfile(),
        JsonSerializer.Deserialize<string[]>(AppliedRequestIds, StorageJson.Options)!)
    {
        Lifecycle = Lifecycle is null ? RecordLifecycle.Initial : JsonSerializer.Deserialize<RecordLifecycle>(Lifecycle, StorageJson.Options)!,
    };

    /// <summary>The personal basic information alone, for readers that need no identity (nothing is decrypted).</summary>
    public ResidentProfile ToProfile() => JsonSerializer.Deserialize<ResidentProfile>(Profile, StorageJson.Options)!;

    public static RecordRow From(RecordState s, IdentityProtector protector) => new()
    {
        RecordNumber = s.Number.Value,
        IdentityHash = protector.Hash(s.Identity),
        IdentityCipher = protector.Encrypt(s.Identity, s.Number.Value),
        OwnerInstitution = s.OwnerInstitution,
        OwnerDistrict = s.OwnerDistrict,
        Status = (long)s.Status,
        Version = s.Version,
        EnrollingInstitution = s.EnrollingInstitution,
        EnrolledBy = s.EnrolledBy,
        EnrolledAtMs = s.EnrolledAt.ToUnixTimeMilliseconds(),
        UpdatedAtMs = s.UpdatedAt.ToUnixTimeMilliseconds(),
        EnrollRequestId = s.EnrollRequestId,
        AppliedRequestIds = JsonSerializer.Serialize(s.AppliedRequestIds, StorageJson.Options),
        Profile = JsonSerializer.Serialize(s.Profile, StorageJson.Options),
        Lifecycle = s.Lifecycle == RecordLifecycle.Initial ? null : JsonSerializer.Serialize(s.Lifecycle, StorageJson.Options),
        DuplicateBlock = DuplicateBlocks.Of(s),
    };
}
