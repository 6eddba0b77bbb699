using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Reconciliation;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>Managed (active) and archived records, R-CN-1.</summary>
public sealed record Figures(long Managed, long Archived);

/// <summary>
/// One row of the side-by-side table (R-CN-2): a district's total (no institution code) or one clinic.
/// The city's figures are live; the district's are what it reported in the last reconciliation that
/// compared it (<see cref="Reported"/>), null when there was none or it could not be asked.
/// </summary>
public sealed record CountRow(string DistrictCode, string InstitutionCode, string Name, Figures City, Reported? Reported)
{
    public Figures? District => Reported?.Figures;

    public bool? MatchedAtLastRun => Reported?.Matched;

    public bool IsDistrictTotal => InstitutionCode.Length == 0;

    public bool ManagedDiffers => District is not null && District.Managed != City.Managed;

    public bool ArchivedDiffers => District is not null && District.Archived != City.Archived;
}

/// <summary>A clinic's work the administrators watch: transfers to answer, off-site services this year, upload lateness (R-RC-4).</summary>
public sealed record ClinicActivity(
    string DistrictCode, string InstitutionCode, string Name, PendingTransfers Transfers, OffsiteServiceCount Offsite, long Uploads, long LateUploads);

/// <summary>The city-wide managed total at one moment: a reconciliation run's city figures, or now.</summary>
public sealed record ChartPoint(DateTimeOffset At, long Managed, IReadOnlyDictionary<string, long> ByDistrict);

/// <summary>Everything the dashboard page shows, read at one time.</summary>
public sealed record DashboardSnapshot(
    string CityName,
    DateTimeOffset Now,
    int Year,
    IReadOnlyList<CountRow> Counts,
    ReconciliationRun? LastRun,
    IReadOnlyList<StoredFinding> Findings,
    IReadOnlyList<ReconciliationRun> History,
    IReadOnlyList<ClinicActivity> Activity,
    IReadOnlyList<ChartPoint> Chart,
    QualityReport? Quality);
