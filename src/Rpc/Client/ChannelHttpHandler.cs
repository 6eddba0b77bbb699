using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Rpc;

/// <summary>The SocketsHttpHandler a channel uses: HTTP/2, no proxy, optional private-CA TLS and client certificate.</summary>
public static class ChannelHttpHandler
{
    public static SocketsHttpHandler Create(GrpcChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // More than 100 concurrent streams open a second connection instead of queueing.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            // Detects dead peers under long-lived streams.
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            // gRPC must reach the peer directly; an HTTP proxy from the environment would break h2c.
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        if (options.ClientCertificate is not null || options.TrustedServerCa is not null)
        {
            handler.SslOptions = CreateSslOptions(options.ClientCertificate, options.TrustedServerCa);
        }
        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(X509Certificate2? clientCertificate, X509Certificate2? trustedCa)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (clientCertificate is not null)
        {
            ssl.ClientCertificates = new X509CertificateCollection { clientCertificate };
            // Send it whatever CA list the server advertises.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        if (trustedCa is not null)
        {
            var roots = new X509Certificate2Collection { trustedCa };
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server
                && (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
                && CertificateChains.IsIssuedBy(server, roots);
        }
        return ssl;
    }
}
