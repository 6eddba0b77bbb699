using HealthRecords.Storage.City;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>The city administrators' dashboard (issue 6): its own HTTP/1.1 port beside gRPC's, only when <c>Dashboard:Listen</c> is set.</summary>
public static class DashboardHosting
{
    public static WebApplicationBuilder AddCityDashboard(this WebApplicationBuilder builder)
    {
        if (DashboardListen.From(builder.Configuration) is not { } listen)
            return builder;
        // Browsers speak HTTP/1.1 in cleartext; the gRPC port stays HTTP/2-only.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen.Endpoint, options => options.Protocols = HttpProtocols.Http1));
        builder.Services.AddSingleton(listen);
        builder.Services.AddDashboardAuthentication();
        builder.Services.AddSingleton<DashboardFigures>();
        builder.Services.AddSingleton<DashboardReader>();
        return builder;
    }

    public static WebApplication MapCityDashboard(this WebApplication app)
    {
        if (app.Services.GetService<DashboardListen>() is null)
            return app;
        // Explicit order: the port gate needs the matched endpoint and must refuse before any sign-in redirect.
        // Authentication sees gRPC requests too (WebApplication would add it for all anyway); with no cookie it returns at once.
        app.UseRouting();
        app.UseMiddleware<DashboardPortGate>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        DashboardEndpoints.Map(app);
        return app;
    }
}
