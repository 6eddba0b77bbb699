using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthRecords.Rpc;

/// <summary>
/// Kestrel for gRPC from a configuration section:
/// <c>Listen</c> ("127.0.0.1:5001", "[::1]:0", "*:5001"; several separated by ';'),
/// optional <c>Tls:Certificate</c> + <c>Tls:Key</c> (PEM) and <c>Tls:ClientCa</c> (PEM; requires client certificates).
/// </summary>
public static class GrpcKestrelExtensions
{
    public static IWebHostBuilder UseGrpcKestrel(this IWebHostBuilder builder, IConfiguration grpcSection)
    {
        ArgumentNullException.ThrowIfNull(grpcSection);
        var listen = grpcSection["Listen"];
        if (string.IsNullOrWhiteSpace(listen))
        {
            throw new InvalidOperationException($"gRPC configuration '{SectionPath(grpcSection)}:Listen' is missing.");
        }
        var endpoints = listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseEndpoint).ToList();
        var tls = GrpcTlsSettings.Read(grpcSection.GetSection("Tls"));
        return builder.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(endpoint, options => Configure(options, tls));
            }
        });
    }

    public static WebApplicationBuilder UseGrpcKestrel(this WebApplicationBuilder builder, IConfiguration grpcSection)
    {
        builder.WebHost.UseGrpcKestrel(grpcSection);
        return builder;
    }

    /// <summary>Bound addresses after start (the real port when Listen used port 0), e.g. "http://127.0.0.1:41234".</summary>
    public static IReadOnlyList<string> GetGrpcListenAddresses(this IHost host)
    {
        var server = host.Services.GetRequiredService<IServer>();
        return server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }

    internal static IPEndPoint ParseEndpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
        {
            throw new FormatException($"gRPC Listen value '{value}' is not host:port.");
        }
        var host = value[..colon].Trim('[', ']');
        var address = host switch
        {
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            "::" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : throw new FormatException($"gRPC Listen host '{host}' is not an IP address."),
        };
        return new IPEndPoint(address, port);
    }

    private static void Configure(ListenOptions options, GrpcTlsSettings? tls)
    {
        if (tls is null)
        {
            // Cleartext must be HTTP/2 only: with Http1AndHttp2 Kestrel would serve HTTP/1.1 (no prior knowledge).
            options.Protocols = HttpProtocols.Http2;
            return;
        }
        options.Protocols = HttpProtocols.Http2; // ALPN "h2"; gRPC has no use for HTTP/1.1
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = tls.ServerCertificate,
            CheckCertificateRevocation = false,
        };
        if (tls.ClientCa is { } clientCa)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => CertificateChains.IsIssuedBy(certificate, clientCa);
        }
        options.UseHttps(https);
    }

    private static string SectionPath(IConfiguration section) => section is IConfigurationSection s ? s.Path : "(root)";
}
