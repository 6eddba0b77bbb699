using Microsoft.Extensions.Configuration;

namespace HealthRecords.Hosting;

/// <summary>
/// A node serves mutual TLS only (R-AC-5): <c>Grpc:Tls:Certificate</c>, <c>Grpc:Tls:Key</c> and
/// <c>Grpc:Tls:ClientCa</c> (see the city's <c>make-certs</c>). Cleartext, where the caller header
/// alone identifies the caller, needs an explicit <c>Grpc:AllowCleartext=true</c> (development only).
/// </summary>
public static class NodeTransport
{
    public const string AllowCleartextSetting = "Grpc:AllowCleartext";

    /// <summary>Throws, so that the node does not start, when it would serve without client certificates by accident.</summary>
    public static void Require(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tls = configuration.GetSection("Grpc:Tls");
        var mutualTls = new[] { "Certificate", "Key", "ClientCa" }.All(key => !string.IsNullOrWhiteSpace(tls[key]));
        if (mutualTls || configuration.GetValue<bool>(AllowCleartextSetting))
            return;
        throw new InvalidOperationException(
            "This node refuses to start without mutual TLS: set Grpc:Tls:Certificate, Grpc:Tls:Key and Grpc:Tls:ClientCa " +
            "(PEM files; the city node's 'make-certs --out DIR' makes them), or set Grpc:AllowCleartext=true for development only.");
    }
}
