namespace HealthRecords.Grains.Merging;

/// <summary>
/// Bulk detection (issue 8: a district's historic records, streamed): records are added one at a
/// time and each is compared only with the records seen before in its block
/// (<see cref="DuplicateDetector.BlockingKey"/>) or under its identity key, so the work grows with
/// the block sizes, not with the square of the records. Pairs dismissed as "not a duplicate" are
/// never proposed again.
/// </summary>
public sealed class DuplicateScan(Func<RecordPair, bool> isDismissed)
{
    private readonly Dictionary<string, List<DuplicateSubject>> _blocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DuplicateSubject>> _byIdentity = new(StringComparer.Ordinal);

    public DuplicateScan() : this(_ => false)
    {
    }

    /// <summary>Compares <paramref name="subject"/> with the records added before; returns the new candidates.</summary>
    public IReadOnlyList<DuplicateCandidate> Add(DuplicateSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var others = Bucket(_byIdentity, subject.Identity.Value);
        var block = DuplicateDetector.BlockingKey(subject) is { } key ? Bucket(_blocks, key) : null;
        var found = new List<DuplicateCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in others.Concat(block ?? []))
        {
            if (other.RecordNumber == subject.RecordNumber || !seen.Add(other.RecordNumber))
                continue;
            var pair = RecordPair.Of(subject.RecordNumber, other.RecordNumber);
            var match = DuplicateDetector.Compare(subject, other);
            if (match.IsCandidate && !isDismissed(pair))
                found.Add(new(pair, match));
        }
        others.Add(subject);
        block?.Add(subject);
        return found;
    }

    /// <summary>All candidates among <paramref name="subjects"/>.</summary>
    public static IReadOnlyList<DuplicateCandidate> FindAll(IEnumerable<DuplicateSubject> subjects, Func<RecordPair, bool>? isDismissed = null)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var scan = new DuplicateScan(isDismissed ?? (_ => false));
        return [.. subjects.SelectMany(scan.Add)];
    }

    private static List<DuplicateSubject> Bucket(Dictionary<string, List<DuplicateSubject>> buckets, string key)
    {
        if (!buckets.TryGetValue(key, out var bucket))
            buckets[key] = bucket = [];
        return bucket;
    }
}
