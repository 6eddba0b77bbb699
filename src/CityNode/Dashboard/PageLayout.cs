using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>The HTML document around every page.</summary>
internal static class PageLayout
{
    public static string Document(string title, string body) => $"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>{DashboardStyles.Css}</style>
        </head>
        <body>
        {body}
        </body>
        </html>
        """;
}
