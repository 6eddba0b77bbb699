using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Reconciliation;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>Reads what the dashboard shows from the city's own stores: live counts, reconciliation runs, clinic activity, the last data-quality report.</summary>
public sealed class DashboardReader(
    RecordCounts counts, ReconciliationLog runs, DashboardFigures figures, ServiceRecordStore services, OffsiteServiceCounts offsite,
    QualityReportStore quality, CityTopology topology, TimeProvider clock)
{
    /// <summary>Runs drawn in the chart and listed in the history.</summary>
    public const int ChartRuns = 30;
    public const int HistoryRuns = 10;
    /// <summary>Findings listed on the page; the run says how many there were in all.</summary>
    public const int FindingsShown = 200;

    public async Task<DashboardSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now();
        // Counts before runs: a run that finishes in between then shows district figures at least as new as the city's.
        var live = ManagedCounts.Tally(topology.Districts, await counts.ByOwnerAsync(null, cancellationToken));
        var recent = await runs.ListAsync(null, ChartRuns, cancellationToken);
        var last = recent.Count > 0 ? recent[0] : null;
        var reported = ReportedFigures.Of(recent);
        var rows = live.Select(c => new CountRow(c.DistrictCode, c.InstitutionCode, NameOf(c.DistrictCode, c.InstitutionCode),
            new Figures(c.Managed, c.Archived), reported.GetValueOrDefault((c.DistrictCode, c.InstitutionCode)))).ToList();
        var findings = last is null ? [] : await runs.FindingsAsync(last.Id, null, null, FindingsShown, cancellationToken);
        var chart = recent.Reverse().Select(ReportedFigures.CityPoint)
            .Append(new ChartPoint(now, live.Where(c => c.IsDistrictTotal).Sum(c => c.Managed),
                live.Where(c => c.IsDistrictTotal).ToDictionary(c => c.DistrictCode, c => c.Managed)))
            .ToList();
        return new DashboardSnapshot(topology.CityName, now, now.Year, rows, last, findings, recent.Take(HistoryRuns).ToList(),
            await ActivityAsync(now, cancellationToken), chart, await quality.LastAsync(QualityScope.City, cancellationToken));
    }

    private async Task<IReadOnlyList<ClinicActivity>> ActivityAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transfers = (await figures.TransfersToAnswerAsync(now, cancellationToken)).ToDictionary(t => t.InstitutionCode, StringComparer.Ordinal);
        var offsiteCounts = (await offsite.OfYearAsync(now.Year, null, cancellationToken))
            .Where(c => c.InstitutionCode.Length > 0).ToDictionary(c => c.InstitutionCode, StringComparer.Ordinal);
        var lateness = await LatenessAsync(cancellationToken);
        return topology.Districts.OrderBy(d => d.Code, StringComparer.Ordinal)
            .SelectMany(d => d.Institutions.OrderBy(i => i.Code, StringComparer.Ordinal))
            .Select(i =>
            {
                var (uploads, late) = lateness.GetValueOrDefault(i.Code);
                return new ClinicActivity(i.DistrictCode, i.Code, i.Name,
                    transfers.GetValueOrDefault(i.Code) ?? new PendingTransfers(i.Code, 0, 0, null, 0),
                    offsiteCounts.GetValueOrDefault(i.Code) ?? new OffsiteServiceCount(i.DistrictCode, i.Code, 0, 0),
                    uploads, late);
            }).ToList();
    }

    /// <summary>R-RC-4: uploads and late ones per clinic, every page of them.</summary>
    private async Task<Dictionary<string, (long Uploads, long Late)>> LatenessAsync(CancellationToken cancellationToken)
    {
        const int page = 500;
        var all = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var rows = await services.LatenessAsync(null, after, page, cancellationToken);
            foreach (var (institution, uploads, late) in rows)
                all[institution] = (uploads, late);
            if (rows.Count < page)
                return all;
            after = rows[^1].InstitutionCode;
        }
    }

    private string NameOf(string districtCode, string institutionCode) => institutionCode.Length == 0
        ? topology.FindDistrict(districtCode)?.Name ?? districtCode
        : topology.FindInstitution(institutionCode)?.Name ?? institutionCode;
}
