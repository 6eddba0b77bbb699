namespace HealthRecords.Grains.Reconciliation;

/// <summary>One clinic's records as one tier holds them: counts (R-CN-1) and their digest.</summary>
public sealed record ClinicDigest(string InstitutionCode, long RecordCount, long Managed, long Archived, long Digest)
{
    public static ClinicDigest Empty(string institutionCode) => new(institutionCode, 0, 0, 0, 0);

    /// <summary>Equal records: the same count, the same figures and the same digest.</summary>
    public bool Matches(ClinicDigest other) =>
        RecordCount == other.RecordCount && Managed == other.Managed && Archived == other.Archived && Digest == other.Digest;
}

/// <summary>A clinic's records whose number ends in <see cref="Suffix"/> (empty: all of them).</summary>
public sealed record DigestBucket(string InstitutionCode, string Suffix)
{
    /// <summary>The ten buckets one digit finer.</summary>
    public IEnumerable<DigestBucket> Children() => Enumerable.Range(0, 10).Select(d => this with { Suffix = $"{d}{Suffix}" });

    public bool IsLeaf => Suffix.Length >= IndexDigest.LeafSuffixDigits;
}

public sealed record BucketDigest(DigestBucket Bucket, long RecordCount, long Digest)
{
    public bool Matches(BucketDigest other) => RecordCount == other.RecordCount && Digest == other.Digest;
}
