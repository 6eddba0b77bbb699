namespace HealthRecords.CityNode.Dashboard;

/// <summary>The page's whole style sheet, inline: one request per page and nothing to serve besides.</summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bad: #b42318; --bad-bg: #fde8e7; --ok: #127a3a; --warn-bg: #fff4ce; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; color: var(--ink); background: #f5f7fa; }
        header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; background: #102a43; color: #fff; }
        header h1 { font-size: 18px; margin: 0; }
        header form { display: inline; margin-left: 12px; }
        main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-top: 16px; }
        h2 { font-size: 16px; margin: 4px 0 8px; }
        h3 { font-size: 14px; margin: 16px 0 6px; }
        .note { color: var(--muted); margin: 4px 0 8px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: #f0f4f8; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.district td { font-weight: 600; background: #f8fafc; }
        tr.clinic td:first-child { padding-left: 24px; }
        .code, .when { white-space: nowrap; }
        .code { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
        td.mismatch { color: var(--bad); background: var(--bad-bg); font-weight: 700; }
        tr.mismatch td:last-child, .bad { color: var(--bad); font-weight: 600; }
        .good { color: var(--ok); font-weight: 600; }
        td.warn { background: var(--warn-bg); }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dt { color: var(--muted); }
        dd { margin: 0; }
        .actions { display: flex; gap: 12px; align-items: center; margin: 12px 0; flex-wrap: wrap; }
        button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #334e68; background: #334e68; color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: #334e68; }
        input[type=text], input[type=password] { font: inherit; padding: 5px 8px; border: 1px solid #9fb3c8; border-radius: 4px; }
        .flash { background: #e3f8ec; border: 1px solid #9be1b4; padding: 8px 12px; border-radius: 4px; }
        .error { background: var(--bad-bg); border: 1px solid #f5a9a3; color: var(--bad); padding: 8px 12px; border-radius: 4px; }
        .signin { max-width: 360px; margin: 80px auto; }
        .signin label { display: block; margin: 10px 0 4px; }
        .signin input { width: 100%; }
        .signin button { margin-top: 16px; width: 100%; }
        svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
        .legend span { display: inline-block; margin-right: 14px; }
        .legend i { display: inline-block; width: 12px; height: 3px; vertical-align: middle; margin-right: 4px; }
        """;
}
