namespace HealthRecords.Grains.Quality;

/// <summary>
/// Running R-CN-4 figures of one clinic, district or the city, fed one record at a time so a city of
/// millions of records is never held in memory: records owned, findings by kind, summed record penalties.
/// </summary>
public sealed class QualityTally
{
    private readonly Dictionary<QualityFindingKind, long> _findings = [];
    private long _recordsOwned;
    private decimal _penalty;

    public void CountOwnedRecord() => _recordsOwned++;

    /// <summary>This tally's findings on one record: each counted, their penalty capped per record (<see cref="ClinicQualityScore"/>).</summary>
    public void AddRecordFindings(IReadOnlyCollection<QualityFinding> findingsOnOneRecord)
    {
        ArgumentNullException.ThrowIfNull(findingsOnOneRecord);
        if (findingsOnOneRecord.Count == 0)
            return;
        foreach (var f in findingsOnOneRecord)
            _findings[f.Kind] = _findings.GetValueOrDefault(f.Kind) + 1;
        _penalty += ClinicQualityScore.RecordPenalty(findingsOnOneRecord);
    }

    public QualityFigures Figures() =>
        new(_recordsOwned, _findings.ToDictionary().AsReadOnly(), ClinicQualityScore.Score(_penalty, _recordsOwned));
}
