using HealthRecords.Grains.Topology;
using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>The dashboard: counts side by side, their trend, reconciliation, clinic activity, data quality.</summary>
internal static class DashboardPage
{
    public static string Render(DashboardSnapshot snapshot, CityTopology topology, string user, FormToken token, string? flash) =>
        PageLayout.Document($"{snapshot.CityName} · 市级管理看板", $"""
            <header>
            <h1>{E(snapshot.CityName)} · 居民健康档案 市级管理看板 <span class="code" style="color:#bcccdc">as of {E(Time(snapshot.Now))}</span></h1>
            <div>signed in as <strong id="signed-in-user">{E(user)}</strong>
            <form method="post" action="/signout">{TokenField(token)}<button type="submit" class="secondary" id="signout">Sign out 退出</button></form></div>
            </header>
            <main>
            {CountsSection.Render(snapshot)}
            {ReconciliationSection.Render(snapshot, token, flash)}
            {ManagedChart.Render(snapshot.Chart, topology.Districts.ToDictionary(d => d.Code, d => d.Name))}
            {ActivitySection.Render(snapshot)}
            {QualitySection.Render(snapshot.Quality, topology)}
            </main>
            """);
}
