using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

/// <summary>Malformed or unsupported requests get the status the spec asks for, and the server keeps serving.</summary>
public sealed class ProtocolErrorTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private const string EchoPath = "/healthrecords.testing.v1.EchoService/Echo";

    private string Address => fixture.Server.Address;

    private async Task AssertStillServingAsync()
    {
        var response = await fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "alive" });
        Assert.Equal("alive", response.Text);
    }

    [Fact]
    public async Task Oversized_request_is_resource_exhausted()
    {
        var payload = ByteString.CopyFrom(new byte[4 * 1024 * 1024 + 1]);

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Payload = payload }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Oversized_request_in_a_client_stream_is_resource_exhausted()
    {
        using var call = fixture.Channel.ClientStreamingCall(EchoMethods.Collect);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "small" });
        try
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may refuse before the whole message is written; the status below is what matters.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Oversized_response_is_resource_exhausted_on_the_client()
    {
        using var small = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var unary = await Assert.ThrowsAsync<RpcException>(() =>
            small.UnaryCall(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2000]) }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, unary.StatusCode);

        using var stream = small.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Count = 2, Payload = ByteString.CopyFrom(new byte[2000]) });
        var streamed = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.ResourceExhausted, streamed.StatusCode);
    }

    [Fact]
    public async Task Send_limit_is_enforced_locally()
    {
        using var limited = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxSendMessageSize = 100 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            limited.UnaryCall(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith("Sending message", error.Status.Detail);
    }

    [Fact]
    public async Task Unknown_method_and_service_are_unimplemented_trailers_only()
    {
        foreach (var path in new[] { "/healthrecords.testing.v1.EchoService/Nope", "/no.such.Service/Echo" })
        {
            var raw = await RawGrpc.PostAsync(Address, path, RawGrpc.Frame(new EchoRequest()));
            Assert.Equal(HttpStatusCode.OK, raw.HttpStatus);
            Assert.True(raw.IsTrailersOnly);
            Assert.Equal("12", raw.GrpcStatus);
            Assert.Contains(path, raw.GrpcMessage);
        }
    }

    [Fact]
    public async Task Unbound_method_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryCall(EchoMethods.Unbound, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("Method /healthrecords.testing.v1.EchoService/Unbound is not implemented.", error.Status.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("snappy")]
    public async Task Compressed_message_without_a_supported_encoding_is_unimplemented(string? encoding)
    {
        var headers = encoding is null ? [] : new[] { ("grpc-encoding", encoding) };

        var raw = await RawGrpc.PostAsync(Address, EchoPath, RawGrpc.Frame(new EchoRequest().ToByteArray(), compressed: true), headers: headers);

        Assert.Equal("12", raw.GrpcStatus);
        Assert.Equal("identity,gzip", RawGrpc.Response.Get(raw.Headers, "grpc-accept-encoding"));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Gzip_compressed_request_is_accepted()
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            new EchoRequest { Text = "squeezed" }.WriteTo(gzip);
        }

        var raw = await RawGrpc.PostAsync(Address, EchoPath, RawGrpc.Frame(packed.ToArray(), compressed: true), headers: ("grpc-encoding", "gzip"));

        Assert.Equal("0", raw.GrpcStatus);
        Assert.Equal("squeezed", EchoResponse.Parser.ParseFrom(raw.Body.AsSpan(5)).Text);
    }

    [Fact]
    public async Task Truncated_frame_is_internal()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Text = "cut short" });

        var raw = await RawGrpc.PostAsync(Address, EchoPath, frame[..^3]);

        Assert.Equal("13", raw.GrpcStatus);
        Assert.Equal("Incomplete message.", raw.GrpcMessage);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Garbage_protobuf_is_internal()
    {
        var raw = await RawGrpc.PostAsync(Address, EchoPath, RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]));

        Assert.Contains(raw.GrpcStatus, new[] { "13", "3" });
        Assert.Equal("Failed to deserialize request message.", raw.GrpcMessage);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Unary_with_no_message_or_two_messages_is_internal()
    {
        var none = await RawGrpc.PostAsync(Address, EchoPath, []);
        Assert.Equal("13", none.GrpcStatus);

        var one = RawGrpc.Frame(new EchoRequest { Text = "1" });
        var two = await RawGrpc.PostAsync(Address, EchoPath, [.. one, .. one]);
        Assert.Equal("13", two.GrpcStatus);
        Assert.Equal("Additional data after the message received.", two.GrpcMessage);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Bad_compressed_flag_is_internal()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Text = "x" });
        frame[0] = 7;

        var raw = await RawGrpc.PostAsync(Address, EchoPath, frame);

        Assert.Equal("13", raw.GrpcStatus);
    }

    [Fact]
    public async Task Non_grpc_content_type_is_http_415()
    {
        var raw = await RawGrpc.PostAsync(Address, EchoPath, RawGrpc.Frame(new EchoRequest()), contentType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, raw.HttpStatus);

        var web = await RawGrpc.PostAsync(Address, EchoPath, RawGrpc.Frame(new EchoRequest()), contentType: "application/grpc-web");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, web.HttpStatus);

        var proto = await RawGrpc.PostAsync(Address, EchoPath, RawGrpc.Frame(new EchoRequest { Text = "p" }), contentType: "application/grpc+proto");
        Assert.Equal("0", proto.GrpcStatus);
    }

    [Fact]
    public async Task Interceptor_can_refuse_any_call_including_health()
    {
        var options = new CallOptions(new Metadata { { "x-deny", "no badge" } });

        var echo = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest(), options).ResponseAsync);
        var health = await Assert.ThrowsAsync<RpcException>(() =>
            new ServiceClient(fixture.Channel, HealthMethods.Service).UnaryAsync<Grpc.Health.V1.HealthCheckRequest, Grpc.Health.V1.HealthCheckResponse>(
                "Check", new Grpc.Health.V1.HealthCheckRequest(), options));

        Assert.Equal(StatusCode.PermissionDenied, echo.StatusCode);
        Assert.Equal("denied: no badge (healthrecords.testing.v1.EchoService.Echo)", echo.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, health.StatusCode);
    }

    [Fact]
    public async Task Unreachable_server_is_unavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(EchoMethods.Echo, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
