using HealthRecords.Grains.Reconciliation;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>What a district reported of one clinic or of itself (no clinic) in a reconciliation run, and when.</summary>
public sealed record Reported(Figures? Figures, bool? Matched, DateTimeOffset At);

/// <summary>The districts' side of reconciliation runs (R-CN-2): per clinic and per district total, keyed (district, clinic or "").</summary>
internal static class ReportedFigures
{
    /// <summary>
    /// Each district as it reported itself in the newest of <paramref name="runsNewestFirst"/> that compared it
    /// (a run may cover some districts only). Figures are null where the district could not be asked;
    /// so is "matched", which nobody knows then.
    /// </summary>
    public static Dictionary<(string District, string Institution), Reported> Of(IEnumerable<ReconciliationRun> runsNewestFirst)
    {
        var reported = new Dictionary<(string, string), Reported>();
        foreach (var run in runsNewestFirst)
        foreach (var district in run.Districts.Where(d => !reported.ContainsKey((d.DistrictCode, ""))))
        {
            foreach (var clinic in district.Clinics)
                reported[(district.DistrictCode, clinic.InstitutionCode)] = clinic.District is { } d
                    ? new Reported(new Figures(d.Managed, d.Archived), clinic.Matches, run.StartedAt)
                    : new Reported(null, null, run.StartedAt);
            reported[(district.DistrictCode, "")] = district.Outcome == ReconciliationOutcome.Incomplete
                ? new Reported(null, null, run.StartedAt)
                : new Reported(new Figures(district.Clinics.Sum(c => c.District!.Managed), district.Clinics.Sum(c => c.District!.Archived)),
                    district.Outcome == ReconciliationOutcome.Consistent, run.StartedAt);
        }
        return reported;
    }

    /// <summary>The city's side of a run: the city-wide managed total and each district's, for the chart.</summary>
    public static ChartPoint CityPoint(ReconciliationRun run) => new(run.StartedAt,
        run.Districts.Sum(d => d.Clinics.Sum(c => c.City.Managed)),
        run.Districts.ToDictionary(d => d.DistrictCode, d => d.Clinics.Sum(c => c.City.Managed)));
}
