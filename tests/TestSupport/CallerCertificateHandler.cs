using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using HealthRecords.Rpc;

namespace HealthRecords.TestSupport;

/// <summary>
/// Sends each call over a mutual-TLS connection that presents the certificate of the caller its
/// <c>hr-caller</c> header names (one connection pool per caller), so that tests written as
/// "call as district X" still do so under mTLS; a call without the header goes with
/// <see cref="TestCertificates.Unnamed"/> unless the channel was given another certificate.
/// </summary>
internal sealed class CallerCertificateHandler(X509Certificate2? withoutHeader) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _pools = new(StringComparer.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = request.Headers.TryGetValues("hr-caller", out var values) ? values.FirstOrDefault() : null;
        var identity = header is null ? null : TestCertificates.IdentityOf(header);
        var pool = _pools.GetOrAdd(identity?.Urn ?? "", _ => new HttpMessageInvoker(ChannelHttpHandler.Create(TestCertificates.ClientOptions(
            identity is null ? withoutHeader ?? TestCertificates.Unnamed : TestCertificates.For(identity)))));
        return pool.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var pool in _pools.Values)
                pool.Dispose();
        }
        base.Dispose(disposing);
    }
}
