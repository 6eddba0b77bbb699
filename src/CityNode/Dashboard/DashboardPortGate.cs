namespace HealthRecords.CityNode.Dashboard;

/// <summary>Marks the dashboard's endpoints, so that <see cref="DashboardPortGate"/> can keep them to the dashboard's port.</summary>
public sealed class DashboardEndpointMarker
{
    public static readonly DashboardEndpointMarker Instance = new();
}

/// <summary>
/// The dashboard and gRPC share one Kestrel but never a port: dashboard endpoints answer only on the
/// dashboard's port (the gRPC port serves no HTML, whatever Host a request names), and nothing else
/// answers there. Runs after routing, before authentication, so a refused request is a plain 404.
/// </summary>
public sealed class DashboardPortGate(RequestDelegate next, DashboardListen listen)
{
    public Task InvokeAsync(HttpContext context)
    {
        var onDashboardPort = context.Connection.LocalPort == listen.Port;
        var dashboardEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<DashboardEndpointMarker>() is not null;
        if (onDashboardPort == dashboardEndpoint)
            return next(context);
        context.SetEndpoint(null);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
