using System.Text;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Storage.Reconciliation;
using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>R-CN-2: the last reconciliation and its findings, the buttons to run one and to repair, the recent runs.</summary>
internal static class ReconciliationSection
{
    public static string Render(DashboardSnapshot snapshot, FormToken token, string? flash)
    {
        var run = snapshot.LastRun;
        var body = new StringBuilder();
        if (flash is not null)
            body.AppendLine($"""<p class="flash" id="flash">{E(flash)}</p>""");
        body.AppendLine(run is null ? """<p class="note" id="last-run-none">No reconciliation has run yet.</p>""" : Summary(run));
        body.AppendLine(Actions(run, snapshot.Findings, token));
        if (run is not null && run.FindingCount > 0)
            body.AppendLine(Findings(run, snapshot.Findings));
        if (snapshot.History.Count > 0)
            body.AppendLine(History(snapshot.History));
        return $"""
            <section id="reconciliation">
            <h2>对账 Reconciliation</h2>
            {body}
            </section>
            """;
    }

    private static string Summary(ReconciliationRun run)
    {
        var districts = string.Join("", run.Districts.Select(d =>
            $"""<li data-district="{E(d.DistrictCode)}">{E(d.DistrictCode)}: {Outcome(d.Outcome)}{(d.Detail.Length > 0 ? $" — {E(d.Detail)}" : "")}</li>"""));
        return $"""
            <dl id="last-run" data-run-id="{E(run.Id)}">
            <dt>Last run</dt><dd id="last-run-started">{E(Time(run.StartedAt))} (took {E(Duration(run.FinishedAt - run.StartedAt))})</dd>
            <dt>Requested by</dt><dd id="last-run-by">{E(By(run))}</dd>
            <dt>Outcome</dt><dd id="last-run-outcome" data-outcome="{run.Outcome}">{Outcome(run.Outcome)}</dd>
            <dt>Records compared</dt><dd id="last-run-records">{N(run.RecordsCompared)}</dd>
            <dt>Differing records</dt><dd id="last-run-findings">{N(run.FindingCount)}</dd>
            <dt>Districts</dt><dd><ul>{districts}</ul></dd>
            </dl>
            """;
    }

    private static string Actions(ReconciliationRun? run, IReadOnlyList<StoredFinding> findings, FormToken token)
    {
        // A fresh request id per page: a form submitted twice starts one run and makes each repair once.
        var reconcile = $"""
            <form method="post" action="/reconcile">{TokenField(token)}<input type="hidden" name="request-id" value="{Guid.NewGuid():N}">
            <button type="submit" id="reconcile">Reconcile now 立即对账</button></form>
            """;
        var repair = run is not null && findings.Any(f => f.RepairId is null) ? $"""
            <form method="post" action="/repair">{TokenField(token)}<input type="hidden" name="request-id" value="{Guid.NewGuid():N}">
            <input type="hidden" name="run-id" value="{E(run.Id)}">
            <input type="text" name="reason" id="repair-reason" placeholder="Reason 原因" required>
            <button type="submit" class="secondary" id="repair">Repair findings 按市级数据修复</button></form>
            """ : "";
        return $"""<div class="actions">{reconcile}{repair}</div>""";
    }

    private static string Findings(ReconciliationRun run, IReadOnlyList<StoredFinding> findings)
    {
        var rows = new StringBuilder();
        foreach (var stored in findings)
        {
            var f = stored.Finding;
            rows.AppendLine($"""
                <tr data-record="{E(f.RecordNumber)}"><td>{E(f.DistrictCode)}</td><td class="code">{E(f.RecordNumber)}</td><td>{Kind(f.Kind)}</td>
                <td>{(f.DifferingFields.Count == 0 ? "—" : E(string.Join(", ", f.DifferingFields)))}</td><td>{Facts(f.City)}</td><td>{Facts(f.District)}</td>
                <td data-figure="repaired">{(stored.RepairId is { } id ? $"""<span class="good">repaired</span> <span class="code">{E(id)}</span>""" : """<span class="bad">no</span>""")}</td></tr>
                """);
        }
        var shown = findings.Count < run.FindingCount ? $"""<p class="note">The first {N(findings.Count)} of {N(run.FindingCount)}.</p>""" : "";
        return $"""
            <h3>Differing records 差异档案</h3>
            {shown}
            <table id="findings">
            <thead><tr><th>District</th><th>Record</th><th>Kind</th><th>Differing fields</th><th>City 市级</th><th>District 区县</th><th>Repaired</th></tr></thead>
            <tbody>
            {rows}
            </tbody>
            </table>
            """;
    }

    private static string History(IReadOnlyList<ReconciliationRun> runs)
    {
        var rows = string.Join("\n", runs.Select(r => $"""
            <tr data-run-id="{E(r.Id)}"><td>{E(Time(r.StartedAt))}</td><td>{E(By(r))}</td><td>{Outcome(r.Outcome)}</td>
            <td class="num">{N(r.RecordsCompared)}</td><td class="num">{N(r.FindingCount)}</td><td class="num">{E(Duration(r.FinishedAt - r.StartedAt))}</td></tr>
            """));
        return $"""
            <h3>Recent runs 近期对账</h3>
            <table id="history">
            <thead><tr><th>Started</th><th>By</th><th>Outcome</th><th class="num">Records</th><th class="num">Differing</th><th class="num">Took</th></tr></thead>
            <tbody>
            {rows}
            </tbody>
            </table>
            """;
    }

    private static string By(ReconciliationRun run) =>
        run.Trigger == ReconciliationTrigger.Scheduled ? "schedule 定时" : run.RequestedBy;

    private static string Outcome(ReconciliationOutcome outcome) => outcome switch
    {
        ReconciliationOutcome.Consistent => """<span class="good">consistent 一致</span>""",
        ReconciliationOutcome.DifferencesFound => """<span class="bad">differences found 有差异</span>""",
        _ => """<span class="bad">incomplete 未完成</span>""",
    };

    private static string Kind(FindingKind kind) => kind switch
    {
        FindingKind.MissingAtDistrict => "missing at the district",
        FindingKind.UnknownToCity => "unknown to the city",
        _ => "facts differ",
    };

    private static string Facts(IndexFacts? facts) => facts is null
        ? """<span class="note">—</span>"""
        : $"""{E(facts.OwnerInstitution)} · {E(facts.Status.ToString())} · v{facts.Version}""";
}
