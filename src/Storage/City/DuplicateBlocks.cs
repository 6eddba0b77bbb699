using System.Security.Cryptography;
using System.Text;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.City;

/// <summary>
/// R-ID-1: the indexed form of <see cref="DuplicateDetector.BlockingKey"/> (folded name + date of birth):
/// its SHA-256, so the column indexes well and repeats no personal data in the clear.
/// </summary>
public static class DuplicateBlocks
{
    public static string? Of(RecordState record) => Of(DuplicateSubject.Of(record));

    public static string? Of(DuplicateSubject subject) =>
        DuplicateDetector.BlockingKey(subject) is { } key ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) : null;
}
