using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    private Task<TestServer> StartAsync(bool mutual) => TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Tls:Certificate"] = _certificates.ServerCertPem,
        ["Tls:Key"] = _certificates.ServerKeyPem,
        ["Tls:ClientCa"] = mutual ? _certificates.CaPem : null,
    });

    [Fact]
    public async Task Tls_call_succeeds_when_the_server_chains_to_the_trusted_ca()
    {
        await using var server = await StartAsync(mutual: false);
        Assert.StartsWith("https://", server.Address);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TrustedServerCa = _certificates.Ca });

        var response = await channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "secure" });

        Assert.Equal("secure", response.Text);
        using var stream = channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Count = 5 });
        Assert.Equal(5, await stream.ResponseStream.ReadAllAsync().CountAsync());
    }

    [Fact]
    public async Task Tls_refuses_a_server_not_signed_by_the_trusted_ca()
    {
        await using var server = await StartAsync(mutual: false);
        using var otherCa = new TestCertificates();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TrustedServerCa = otherCa.Ca });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(EchoMethods.Echo, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Mutual_tls_gives_the_handler_the_client_certificate()
    {
        await using var server = await StartAsync(mutual: true);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            TrustedServerCa = _certificates.Ca,
            ClientCertificate = _certificates.Client,
        });

        var response = await channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "mutual" });

        Assert.Equal("mutual", response.Text);
        Assert.Contains("client-cert=CN=clinic-7", response.SeenHeaders);
    }

    [Fact]
    public async Task Mutual_tls_refuses_clients_without_a_certificate_or_from_another_ca()
    {
        await using var server = await StartAsync(mutual: true);
        using var anonymous = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TrustedServerCa = _certificates.Ca });
        using var rogue = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            TrustedServerCa = _certificates.Ca,
            ClientCertificate = _certificates.RogueClient,
        });

        var noCert = await Assert.ThrowsAsync<RpcException>(() => anonymous.UnaryCall(EchoMethods.Echo, new EchoRequest()).ResponseAsync);
        var badCert = await Assert.ThrowsAsync<RpcException>(() => rogue.UnaryCall(EchoMethods.Echo, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, noCert.StatusCode);
        Assert.Equal(StatusCode.Unavailable, badCert.StatusCode);
    }
}
