using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Time;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>
/// R-CN-4 data-quality reports of the city, a district or a clinic, computed over the scope's records
/// streamed page by page (<see cref="QualityRecordPages"/>), and the paged listing of the findings.
/// Each computed report is kept as the scope's last (<see cref="QualityReportStore"/>).
/// </summary>
public sealed class QualityReports(
    Database database, IdentityProtector protector, PolicyProfile policy, QualityReportStore reports, TimeProvider clock,
    int recordsPerPage = QualityReports.RecordsPerPage)
{
    /// <summary>Records read and evaluated together: a few thousand keep memory flat and round trips few.</summary>
    public const int RecordsPerPage = 2000;

    private readonly QualityRecordPages _pages = new(database, protector, policy, recordsPerPage);

    /// <summary>The report over <paramref name="scope"/> as of now, kept as its last report.</summary>
    public async Task<QualityReport> ComputeAsync(QualityScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.Now();
        var rollUp = new QualityRollUp(scope);
        await foreach (var page in _pages.PagesAsync(scope, null, CityTime.DateOf(now), cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in page)
                rollUp.AddRecord(record.OwnerInstitution, record.OwnerDistrict, record.Findings);
        }
        var report = rollUp.Report(now);
        await reports.SaveAsync(report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> findings of the scope's clinics (optionally of one kind) after
    /// <paramref name="after"/>, in <see cref="QualityFindingKey"/> order, evaluated as of now.
    /// </summary>
    public async Task<IReadOnlyList<QualityFinding>> ListFindingsAsync(
        QualityScope scope, QualityFindingKind? kind, QualityFindingKey? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var today = clock.Today();
        var found = new List<QualityFinding>(limit);
        // The record of the last key may have findings left after it; later records are streamed.
        if (after is not null && Take(await _pages.OneAsync(after.RecordNumber, today, cancellationToken).ConfigureAwait(false)))
            return found;
        await foreach (var page in _pages.PagesAsync(scope, after?.RecordNumber, today, cancellationToken).ConfigureAwait(false))
        {
            if (Take(page))
                break;
        }
        return found;

        bool Take(IReadOnlyList<EvaluatedRecord> records)
        {
            foreach (var record in records)
            {
                var listed = record.Findings
                    .Where(f => scope.Includes(f.Finding.InstitutionCode, f.DistrictCode) && (kind is null || f.Finding.Kind == kind))
                    .Select(f => (Key: QualityFindingKey.Of(f.Finding), f.Finding))
                    .Where(f => after is null || f.Key.CompareTo(after) > 0)
                    .OrderBy(f => f.Key);
                foreach (var (_, finding) in listed)
                {
                    found.Add(finding);
                    if (found.Count == limit)
                        return true;
                }
            }
            return false;
        }
    }
}
