using System.Globalization;
using System.Text;
using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>
/// R-CN-1 over time: the city-wide managed total at each reconciliation run (the city's figures it
/// stored) and now, with one thinner line per district. Plain SVG drawn on the server: no script.
/// </summary>
internal static class ManagedChart
{
    private const int Width = 760, Height = 260, Left = 56, Right = 16, Top = 12, Bottom = 40;
    private static readonly string[] Colours = ["#2680c2", "#d9822b", "#3e8e41", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d"];

    public static string Render(IReadOnlyList<ChartPoint> points, IReadOnlyDictionary<string, string> districtNames)
    {
        var max = Math.Max(1, points.Max(p => p.Managed));
        var districts = points.SelectMany(p => p.ByDistrict.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg id="managed-chart" role="img" aria-label="Managed records over time" viewBox="0 0 {Width} {Height}" width="100%">""");
        Axes(svg, max, points);
        for (var d = 0; d < districts.Count; d++)
            Line(svg, points, p => p.ByDistrict.GetValueOrDefault(districts[d]), max, Colours[(d + 1) % Colours.Length], 1.5, districts[d]);
        Line(svg, points, p => p.Managed, max, Colours[0], 3, "city");
        svg.Append("</svg>");
        var legend = string.Join("", districts.Select((code, d) =>
            $"""<span><i style="background:{Colours[(d + 1) % Colours.Length]}"></i>{E(districtNames.GetValueOrDefault(code, code))}</span>"""));
        return $"""
            <section id="chart">
            <h2>在管档案趋势 Managed records over time</h2>
            <p class="note">City-wide managed total at each reconciliation run, and now (hollow point).</p>
            {svg}
            <div class="legend"><span><i style="background:{Colours[0]}; height:4px"></i>city total 全市</span>{legend}</div>
            </section>
            """;
    }

    private static void Axes(StringBuilder svg, long max, IReadOnlyList<ChartPoint> points)
    {
        foreach (var tick in new[] { 0, max / 2, max }.Distinct())
        {
            var y = Y(tick, max);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Width - Right}" y1="{y:0.#}" y2="{y:0.#}" stroke="#d9e2ec"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{N(tick)}</text>""");
        }
        var first = points[0].At;
        var last = points[^1].At;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Height - 12}">{E(Time(first))}</text>""");
        if (points.Count > 1)
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - Right}" y="{Height - 12}" text-anchor="end">now {E(Time(last))}</text>""");
    }

    private static void Line(StringBuilder svg, IReadOnlyList<ChartPoint> points, Func<ChartPoint, long> value, long max, string colour, double width, string name)
    {
        var coordinates = points.Select((p, i) => (X: X(i, points.Count), Y: Y(value(p), max), Point: p)).ToList();
        if (coordinates.Count > 1)
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="{width}" points="{string.Join(" ", coordinates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.X:0.#},{c.Y:0.#}")))}"/>""");
        for (var i = 0; i < coordinates.Count; i++)
        {
            var (x, y, point) = coordinates[i];
            var now = i == coordinates.Count - 1;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<circle cx="{x:0.#}" cy="{y:0.#}" r="{width + 1.5}" fill="{(now ? "#fff" : colour)}" stroke="{colour}" data-series="{E(name)}" data-managed="{value(point)}"><title>{E(name)} {E(Time(point.At))}: {N(value(point))}</title></circle>""");
        }
    }

    private static double X(int index, int count) => count == 1 ? (Left + Width - Right) / 2.0 : Left + index * (Width - Left - Right) / (double)(count - 1);

    private static double Y(long value, long max) => Top + (Height - Top - Bottom) * (1 - value / (double)max);
}
