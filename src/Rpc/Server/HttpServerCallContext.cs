using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace HealthRecords.Rpc;

/// <summary>
/// The server side of one call on one HTTP/2 stream. State and properties live here; reading,
/// writing and finishing the call are in the other parts of this partial class.
/// </summary>
internal sealed partial class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServerRuntime _runtime;
    private readonly string _method;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _userState;
    private string? _peer;
    private DateTime _deadline = DateTime.MaxValue;
    private CancellationToken _cancellationToken;
    private string? _requestEncoding;

    public HttpServerCallContext(HttpContext http, string method, GrpcServerRuntime runtime)
    {
        _http = http;
        _method = method;
        _runtime = runtime;
        _cancellationToken = http.RequestAborted;
    }

    public override string Method => _method;

    public override string Peer => _peer ??= FormatPeer(_http.Connection);

    public override DateTime Deadline => _deadline;

    public override CancellationToken CancellationToken => _cancellationToken;

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequest(_http.Request.Headers);

    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override HttpContext HttpContext => _http;

    public override X509Certificate2? ClientCertificate => _http.Connection.ClientCertificate;

    public override IDictionary<object, object?> UserState => _userState ??= new Dictionary<object, object?>();

    public int MaxReceiveMessageSize => _runtime.Options.MaxReceiveMessageSize;

    /// <summary>Reads the protocol headers and lifts Kestrel limits that do not fit gRPC.</summary>
    public void Initialize(bool streamingRequest)
    {
        var features = _http.Features;
        // Message size is limited per message below, not per request body.
        if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }
        // An idle request stream is normal for streaming calls; the rate check would reset it.
        if (streamingRequest && features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        _http.Response.ContentType = GrpcProtocol.ContentType;

        var headers = _http.Request.Headers;
        var encoding = headers[GrpcProtocol.EncodingHeader];
        _requestEncoding = encoding.Count > 0 ? encoding[0] : null;
        var timeout = headers[GrpcProtocol.TimeoutHeader];
        if (timeout.Count > 0 && GrpcTimeout.TryParse(timeout[0], out var span))
        {
            StartDeadline(span);
        }
    }

    public void Dispose()
    {
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
        _gate?.Dispose();
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var ip = connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        return ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"ipv6:[{ip}]:{connection.RemotePort}"
            : $"ipv4:{ip}:{connection.RemotePort}";
    }
}
