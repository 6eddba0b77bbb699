using System.Globalization;
using System.Text;
using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>Per clinic: transfers it must answer (R-TR-2), off-site services this year (R-OS-5), upload lateness (R-RC-4).</summary>
internal static class ActivitySection
{
    public static string Render(DashboardSnapshot snapshot)
    {
        var rows = new StringBuilder();
        foreach (var a in snapshot.Activity)
        {
            var t = a.Transfers;
            var latePercent = a.Uploads == 0 ? "—" : (100.0 * a.LateUploads / a.Uploads).ToString("0.0'%'", CultureInfo.InvariantCulture);
            rows.AppendLine($"""
                <tr data-district="{E(a.DistrictCode)}" data-clinic="{E(a.InstitutionCode)}"><td>{E(a.Name)} <span class="code">{E(a.InstitutionCode)}</span></td>
                {Cell("transfers-pending", t.Pending, false)}{Cell("transfers-past-due", t.PastDue, t.PastDue > 0)}
                <td class="when" data-figure="transfers-next-due">{(t.NextDueAt is { } due ? E(Time(due)) : "—")}</td>{Cell("transfers-expired", t.Expired, t.Expired > 0)}
                {Cell("offsite-served-for-others", a.Offsite.ServedForOthers, false)}{Cell("offsite-served-elsewhere", a.Offsite.ServedElsewhere, false)}
                {Cell("uploads", a.Uploads, false)}{Cell("uploads-late", a.LateUploads, a.LateUploads > 0)}<td class="num" data-figure="uploads-late-percent">{latePercent}</td></tr>
                """);
        }
        return $"""
            <section id="activity">
            <h2>机构工作 Clinic activity</h2>
            <p class="note">Transfers the clinic must answer (overdue: still pending past the deadline, or expired unanswered); off-site services in {snapshot.Year}; service records uploaded and how many were late.</p>
            <table>
            <thead>
            <tr><th rowspan="2">Clinic 机构</th><th colspan="4" class="num">Transfers to answer 转档待确认</th><th colspan="2" class="num">Off-site {snapshot.Year} 异地服务</th><th colspan="3" class="num">Uploads 上传</th></tr>
            <tr><th class="num">pending</th><th class="num">past deadline</th><th>next deadline</th><th class="num">expired</th>
            <th class="num">served for others</th><th class="num">served elsewhere</th><th class="num">all</th><th class="num">late</th><th class="num">late %</th></tr>
            </thead>
            <tbody>
            {rows}
            </tbody>
            </table>
            </section>
            """;
    }

    private static string Cell(string figure, long value, bool warn) =>
        $"""<td class="num{(warn ? " warn" : "")}" data-figure="{figure}">{N(value)}</td>""";
}
