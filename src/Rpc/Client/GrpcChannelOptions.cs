using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Rpc;

public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted; bigger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent; null means unlimited.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Presented to the server for mutual TLS (must carry its private key).</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Validate the server certificate chain against this CA instead of the system store.</summary>
    public X509Certificate2? TrustedServerCa { get; set; }

    /// <summary>Use this handler instead of the channel's own SocketsHttpHandler (the channel disposes it only with <see cref="DisposeHttpHandler"/>).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The channel disposes <see cref="HttpHandler"/> with itself (a handler made for this channel alone).</summary>
    public bool DisposeHttpHandler { get; set; }
}
