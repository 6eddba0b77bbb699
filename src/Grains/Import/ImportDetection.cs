using HealthRecords.Grains.Merging;

namespace HealthRecords.Grains.Import;

/// <summary>
/// R-ID-1 on the way in: the candidate pairs of a batch, each imported record compared with the
/// enrolled records of its block or identity and with the batch's records before it. Pairs among the
/// enrolled records alone are not this import's finding; dismissed pairs are left out by the queue.
/// </summary>
public static class ImportDetection
{
    public static IReadOnlyList<DuplicateCandidate> Candidates(IEnumerable<DuplicateSubject> enrolled, IEnumerable<DuplicateSubject> imported)
    {
        ArgumentNullException.ThrowIfNull(enrolled);
        ArgumentNullException.ThrowIfNull(imported);
        var scan = new DuplicateScan();
        foreach (var subject in enrolled)
            scan.Add(subject);
        return [.. imported.SelectMany(scan.Add)];
    }
}
