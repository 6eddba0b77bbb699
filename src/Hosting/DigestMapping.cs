using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Records;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation of reconciliation digests and facts between the wire and the domain (both tiers).</summary>
public static class DigestMapping
{
    public static Proto.ClinicDigest ToProto(this ClinicDigest d) => new()
    {
        InstitutionCode = d.InstitutionCode, RecordCount = d.RecordCount, Managed = d.Managed, Archived = d.Archived, Digest = (ulong)d.Digest,
    };

    public static ClinicDigest ToDomain(this Proto.ClinicDigest d) =>
        new(d.InstitutionCode, d.RecordCount, d.Managed, d.Archived, (long)(d.Digest % IndexDigest.Modulus));

    public static Proto.DigestBucket ToProto(this DigestBucket b) => new() { InstitutionCode = b.InstitutionCode, Suffix = b.Suffix };

    public static DigestBucket ToDomain(this Proto.DigestBucket b) => new(b.InstitutionCode, b.Suffix);

    public static Proto.BucketDigest ToProto(this BucketDigest d) => new() { Bucket = d.Bucket.ToProto(), RecordCount = d.RecordCount, Digest = (ulong)d.Digest };

    public static BucketDigest ToDomain(this Proto.BucketDigest d) =>
        new(d.Bucket?.ToDomain() ?? new DigestBucket("", ""), d.RecordCount, (long)(d.Digest % IndexDigest.Modulus));

    public static Proto.IndexFacts ToProto(this IndexFacts f) => new()
    {
        RecordNumber = f.RecordNumber, OwningInstitutionCode = f.OwnerInstitution, OwningDistrictCode = f.OwnerDistrict,
        Status = (Proto.RecordStatus)f.Status, Version = f.Version,
    };

    public static IndexFacts ToDomain(this Proto.IndexFacts f) =>
        new(f.RecordNumber, f.OwningInstitutionCode, f.OwningDistrictCode, (RecordStatus)f.Status, f.Version);
}
