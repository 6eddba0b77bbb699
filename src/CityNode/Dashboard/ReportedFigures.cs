using HealthRecords.Grains.Reconciliation;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>A district's side of one reconciliation run (R-CN-2): per clinic and per district total, keyed (district, clinic or "").</summary>
internal static class ReportedFigures
{
    /// <summary>Figures are null where the district could not be asked; so is "matched", which nobody knows then.</summary>
    public static Dictionary<(string District, string Institution), (Figures? Figures, bool? Matched)> Of(ReconciliationRun run)
    {
        var reported = new Dictionary<(string, string), (Figures?, bool?)>();
        foreach (var district in run.Districts)
        {
            foreach (var clinic in district.Clinics)
                reported[(district.DistrictCode, clinic.InstitutionCode)] = clinic.District is { } d
                    ? (new Figures(d.Managed, d.Archived), clinic.Matches)
                    : (null, null);
            reported[(district.DistrictCode, "")] = district.Outcome == ReconciliationOutcome.Incomplete
                ? (null, null)
                : (new Figures(district.Clinics.Sum(c => c.District!.Managed), district.Clinics.Sum(c => c.District!.Archived)),
                    district.Outcome == ReconciliationOutcome.Consistent);
        }
        return reported;
    }

    /// <summary>The city's side of a run: the city-wide managed total and each district's, for the chart.</summary>
    public static ChartPoint CityPoint(ReconciliationRun run) => new(run.StartedAt,
        run.Districts.Sum(d => d.Clinics.Sum(c => c.City.Managed)),
        run.Districts.ToDictionary(d => d.DistrictCode, d => d.Clinics.Sum(c => c.City.Managed)));
}
