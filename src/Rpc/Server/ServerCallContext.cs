using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace HealthRecords.Rpc;

/// <summary>
/// Per-call server state handed to handlers and interceptors. Abstract so handler tests can
/// pass a fake; the real one is built by the server for each HTTP/2 request.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The call path, "/package.Service/Method".</summary>
    public abstract string Method { get; }

    /// <summary>The remote end, e.g. "ipv4:127.0.0.1:51234" or "ipv6:[::1]:51234".</summary>
    public abstract string Peer { get; }

    /// <summary>UTC deadline from grpc-timeout; DateTime.MaxValue when the client set none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Fires when the client cancels (RST_STREAM), the deadline passes, or the connection drops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Custom request metadata only (no pseudo-headers, no grpc-* or other protocol headers).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Sent with the final status (in the trailers, or in the headers of a trailers-only response).</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>Status sent when the handler returns normally (OK unless set).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Sends the response headers now, with <paramref name="headers"/> as custom metadata. At most once.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata headers);

    public abstract HttpContext HttpContext { get; }

    /// <summary>The TLS client certificate, when the connection is mutual TLS.</summary>
    public abstract X509Certificate2? ClientCertificate { get; }

    /// <summary>Per-call scratch space; interceptors put the identified caller here.</summary>
    public abstract IDictionary<object, object?> UserState { get; }
}
