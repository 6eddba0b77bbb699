using System.Security.Cryptography;
using System.Text;

namespace HealthRecords.Grains.Research;

/// <summary>R-AC-4 / R-AC-6: the pure steps that turn records in scope into rows that identify nobody directly.</summary>
public static class Deidentification
{
    public const int SecretBytes = 32;

    /// <summary>A fresh secret for one export; it is never stored, so its pseudonyms cannot be linked to another export's.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>HMAC-SHA256 of the record number under the export's secret, 128 bits in hex: stable within an export, unlinkable across.</summary>
    public static string Pseudonym(ReadOnlySpan<byte> secret, string recordNumber)
    {
        ArgumentNullException.ThrowIfNull(recordNumber);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(recordNumber), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The birth date generalised to its year.</summary>
    public static int? BirthYear(DateOnly? dateOfBirth) => dateOfBirth?.Year;

    public static DeidentifiedRow Generalise(ResearchSubject subject, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new DeidentifiedRow(Pseudonym(secret, subject.RecordNumber), BirthYear(subject.DateOfBirth), subject.Sex, subject.DistrictCode,
            subject.Status, subject.ServiceCounts);
    }

    /// <summary>
    /// Small-group suppression: rows whose (birth year, sex, district) is shared by fewer than
    /// <paramref name="minimumGroupSize"/> rows are left out, since such a combination may point at a person.
    /// </summary>
    public static (IReadOnlyList<DeidentifiedRow> Kept, long Suppressed) Suppress(IReadOnlyList<DeidentifiedRow> rows, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumGroupSize, 1);
        var kept = rows.GroupBy(r => r.QuasiIdentifiers).Where(g => g.Count() >= minimumGroupSize).SelectMany(g => g)
            .OrderBy(r => r.Pseudonym, StringComparer.Ordinal).ToList();
        return (kept, rows.Count - kept.Count);
    }

    /// <summary>The export's rows: every subject generalised under one fresh secret, small groups suppressed.</summary>
    public static (IReadOnlyList<DeidentifiedRow> Kept, long Suppressed) Snapshot(IReadOnlyList<ResearchSubject> subjects, int minimumGroupSize, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var rows = new List<DeidentifiedRow>(subjects.Count);
        foreach (var subject in subjects)
            rows.Add(Generalise(subject, secret));
        return Suppress(rows, minimumGroupSize);
    }

    /// <summary>The approved export's rows under a fresh secret that is wiped afterwards, and the event that records their counts.</summary>
    public static (ResearchExportSnapshotTaken Taken, IReadOnlyList<DeidentifiedRow> Rows) TakeSnapshot(
        IReadOnlyList<ResearchSubject> subjects, int minimumGroupSize, DateTimeOffset now)
    {
        var secret = NewSecret();
        try
        {
            var (kept, suppressed) = Snapshot(subjects, minimumGroupSize, secret);
            return (new ResearchExportSnapshotTaken(kept.Count, suppressed, minimumGroupSize, now), kept);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
