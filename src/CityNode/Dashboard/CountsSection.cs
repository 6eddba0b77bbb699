using System.Text;
using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>
/// R-CN-1, R-CN-2: managed and archived records per district and clinic, the city's live figures next
/// to what the district reported in the last reconciliation; figures that differ are marked. Each
/// cell carries <c>data-figure</c> and its row <c>data-district</c>/<c>data-clinic</c>, for tools and tests.
/// </summary>
internal static class CountsSection
{
    public static string Render(DashboardSnapshot snapshot)
    {
        var source = snapshot.LastRun is not null
            ? "City figures are live; district figures are as each district reported them in its last reconciliation (time in the last column), so changes since then show as differences until the next run."
            : "No reconciliation yet: the districts' figures are known only once one runs.";
        var rows = new StringBuilder();
        foreach (var row in snapshot.Counts)
            rows.AppendLine(Row(row));
        return $"""
            <section id="counts">
            <h2>在管档案 Managed and archived records</h2>
            <p class="note">{source}</p>
            <table>
            <thead>
            <tr><th rowspan="2">District / clinic 区县 / 机构</th><th colspan="2" class="num">Managed 在管</th><th colspan="2" class="num">Archived 已归档</th><th rowspan="2">Last reconciliation 对账</th></tr>
            <tr><th class="num">city</th><th class="num">district</th><th class="num">city</th><th class="num">district</th></tr>
            </thead>
            <tbody>
            {rows}
            </tbody>
            </table>
            </section>
            """;
    }

    private static string Row(CountRow row)
    {
        var kind = row.IsDistrictTotal ? "district" : "clinic";
        var mismatch = row.ManagedDiffers || row.ArchivedDiffers || row.MatchedAtLastRun == false ? " mismatch" : "";
        var code = row.IsDistrictTotal ? row.DistrictCode : row.InstitutionCode;
        return $"""<tr class="{kind}{mismatch}" data-district="{E(row.DistrictCode)}" data-clinic="{E(row.InstitutionCode)}">"""
            + $"""<td>{E(row.Name)} <span class="code">{E(code)}</span></td>"""
            + Cell("city-managed", row.City.Managed, false)
            + Cell("district-managed", row.District?.Managed, row.ManagedDiffers)
            + Cell("city-archived", row.City.Archived, false)
            + Cell("district-archived", row.District?.Archived, row.ArchivedDiffers)
            + $"""<td data-figure="matched">{Verdict(row.Reported)}</td></tr>""";
    }

    private static string Cell(string figure, long? value, bool differs) =>
        $"""<td class="num{(differs ? " mismatch" : "")}" data-figure="{figure}">{(value is { } v ? N(v) : "—")}</td>""";

    private static string Verdict(Reported? reported) => reported switch
    {
        null => """<span class="note">—</span>""",
        { Matched: true } => $"""<span class="good">✓ matched</span> <span class="code">{E(Time(reported.At))}</span>""",
        { Matched: false } => $"""✗ differed <span class="code">{E(Time(reported.At))}</span>""",
        _ => $"""<span class="note">district not reached</span> <span class="code">{E(Time(reported.At))}</span>""",
    };
}
