using System.Globalization;
using System.Net;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>
/// <c>Dashboard:Listen</c>: where the dashboard serves HTTP/1.1 ("127.0.0.1:5180", "[::1]:5180", "*:5180").
/// A fixed port, because requests are told apart from gRPC ones by the port they arrived on.
/// </summary>
public sealed record DashboardListen(IPEndPoint Endpoint)
{
    public const string Key = "Dashboard:Listen";

    public int Port => Endpoint.Port;

    /// <summary>Null when the key is unset: no dashboard.</summary>
    public static DashboardListen? From(IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } value ? Parse(value.Trim()) : null;

    public static DashboardListen Parse(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"{Key} '{value}' is not host:port with a fixed port.");
        var host = value[..colon].Trim('[', ']');
        var address = host switch
        {
            "*" or "0.0.0.0" => IPAddress.Any,
            "::" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : throw new FormatException($"{Key} host '{host}' is not an IP address."),
        };
        return new DashboardListen(new IPEndPoint(address, port));
    }
}
