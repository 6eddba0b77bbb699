using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Reconciliation;

/// <summary>
/// R-CN-2: an order-independent digest of a set of index entries, the sum modulo the prime 2^61-1 of
/// each entry's 60-bit hash. Adding or removing one entry changes the sum by its hash, so the database
/// keeps it up to date as rows change (the storage triggers compute the same hash in SQL), and two sets
/// with the same count and digest are equal but for a chance of about 2^-60.
/// </summary>
public static class IndexDigest
{
    /// <summary>2^61 - 1: every sum of two digests stays below 2^62, so SQL's 64-bit integers never overflow.</summary>
    public const long Modulus = (1L << 61) - 1;

    /// <summary>Digits of a record number's suffix at the finest bucket level (1,000 buckets per clinic).</summary>
    public const int LeafSuffixDigits = 3;

    /// <summary>The first 60 bits of SHA-256 of "record_number|owner|status|version" (status and version as decimal integers).</summary>
    public static long Hash(string recordNumber, string ownerInstitution, int status, long version)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{recordNumber}|{ownerInstitution}|{status}|{version}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 4);
    }

    public static long Hash(IndexFacts facts) => Hash(facts.RecordNumber, facts.OwnerInstitution, (int)facts.Status, facts.Version);

    public static long Add(long digest, long value) => (digest + value) % Modulus;

    public static long Subtract(long digest, long value) => (digest + Modulus - value % Modulus) % Modulus;

    public static long Sum(IEnumerable<long> digests) => digests.Aggregate(0L, Add);

    /// <summary>The bucket a record falls in at a level: the last <paramref name="digits"/> digits of its number.</summary>
    public static string SuffixOf(string recordNumber, int digits) =>
        recordNumber.Length <= digits ? recordNumber : recordNumber[^digits..];

    /// <summary>Counts of R-CN-1: managed = active; archived = lost to follow-up, deceased, moved out (merged is neither).</summary>
    public static bool IsArchivedForCounts(RecordStatus status) =>
        status is RecordStatus.LostToFollowUp or RecordStatus.Deceased or RecordStatus.MovedOut;
}
