using System.Globalization;
using System.Text;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Topology;
using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>
/// R-CN-4: the last city-wide data-quality report — score and findings by kind per district and clinic.
/// A report streams every record of the city, so the page shows the last one computed (with its time)
/// rather than computing one per page view.
/// </summary>
internal static class QualitySection
{
    private static readonly QualityFindingKind[] Kinds = Enum.GetValues<QualityFindingKind>();
    private static readonly QualityFigures Nothing = new(0, new Dictionary<QualityFindingKind, long>(), ClinicQualityScore.Score(0m, 0));

    public static string Render(QualityReport? report, CityTopology topology)
    {
        var body = report is null
            ? """<p class="note" id="quality-none">No city-wide data-quality report yet: one is computed by DataQualityService.GetQualityReport (city scope) and on the city's schedule.</p>"""
            : Table(report, topology);
        return $"""
            <section id="quality">
            <h2>数据质量 Data quality</h2>
            {body}
            </section>
            """;
    }

    private static string Table(QualityReport report, CityTopology topology)
    {
        var districts = report.Districts.ToDictionary(d => d.DistrictCode, d => d.Figures, StringComparer.Ordinal);
        var clinics = report.Clinics.ToDictionary(c => c.InstitutionCode, c => c.Figures, StringComparer.Ordinal);
        var rows = new StringBuilder();
        rows.AppendLine(Row("district", "", "", $"{topology.CityName} (city)", report.Total));
        foreach (var district in topology.Districts.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            rows.AppendLine(Row("district", district.Code, "", $"{district.Name} {district.Code}", districts.GetValueOrDefault(district.Code) ?? Nothing));
            foreach (var clinic in district.Institutions.OrderBy(i => i.Code, StringComparer.Ordinal))
                rows.AppendLine(Row("clinic", district.Code, clinic.Code, $"{clinic.Name} {clinic.Code}", clinics.GetValueOrDefault(clinic.Code) ?? Nothing));
        }
        return $"""
            <p class="note">Computed <span id="quality-computed-at">{E(Time(report.ComputedAt))}</span>. Score 0–100 (100: no findings); a record costs at most one record's share. Late uploads count for the clinic that served.</p>
            <table>
            <thead><tr><th>District / clinic 区县 / 机构</th><th class="num">Records</th><th class="num">Score</th>
            <th class="num">Missing fields</th><th class="num">Logic errors</th><th class="num">Stale</th><th class="num">Late uploads</th><th class="num">Open duplicates</th></tr></thead>
            <tbody>
            {rows}
            </tbody>
            </table>
            """;
    }

    private static string Row(string kind, string district, string clinic, string name, QualityFigures figures)
    {
        var cells = string.Concat(Kinds.Select(k =>
            $"""<td class="num{(figures.Count(k) > 0 ? " warn" : "")}" data-figure="quality-{Figure(k)}">{N(figures.Count(k))}</td>"""));
        return $"""<tr class="{kind}" data-district="{E(district)}" data-clinic="{E(clinic)}"><td>{E(name)}</td>"""
            + $"""<td class="num" data-figure="quality-records">{N(figures.RecordsOwned)}</td>"""
            + $"""<td class="num" data-figure="quality-score">{figures.Score.ToString("0.0", CultureInfo.InvariantCulture)}</td>{cells}</tr>""";
    }

    private static string Figure(QualityFindingKind kind) => kind switch
    {
        QualityFindingKind.MissingField => "missing-field",
        QualityFindingKind.LogicError => "logic-error",
        QualityFindingKind.Stale => "stale",
        QualityFindingKind.LateUpload => "late-upload",
        _ => "open-duplicate",
    };
}
