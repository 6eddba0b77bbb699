using Google.Protobuf;
using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

public sealed class CallKindsTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task Unary_round_trips_the_message()
    {
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        using var call = Channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "hello", Payload = payload });

        var response = await call;

        Assert.Equal("hello", response.Text);
        Assert.Equal(payload, response.Payload);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Contains("method=/healthrecords.testing.v1.EchoService/Echo", response.SeenHeaders);
        Assert.Contains(response.SeenHeaders, h => h.StartsWith("peer=ipv4:127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_concurrent_unary_calls_share_the_channel()
    {
        var calls = Enumerable.Range(0, 300).Select(async i =>
        {
            var response = await Channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = $"n{i}" });
            return response.Text == $"n{i}";
        });

        var results = await Task.WhenAll(calls);

        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        using var call = Channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Text = "m", Count = 50 });

        var received = new List<EchoResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            received.Add(message);
        }

        Assert.Equal(Enumerable.Range(0, 50), received.Select(r => r.Index));
        Assert.Equal("m49", received[^1].Text);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Server_streaming_with_no_messages_ends_ok()
    {
        using var call = Channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Text = "none", Count = 0 });

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_collects_all_requests()
    {
        using var call = Channel.ClientStreamingCall(EchoMethods.Collect);
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }
        await call.RequestStream.CompleteAsync();

        var response = await call;

        Assert.Equal("a,b,c", response.Text);
        Assert.Equal(3, response.Received);
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
    }

    [Fact]
    public async Task Client_streaming_with_no_requests_gets_an_empty_answer()
    {
        using var call = Channel.ClientStreamingCall(EchoMethods.Collect);
        await call.RequestStream.CompleteAsync();

        var response = await call.ResponseAsync;

        Assert.Equal(0, response.Received);
    }

    [Fact]
    public async Task Duplex_answers_each_message_while_the_request_stream_is_open()
    {
        using var call = Channel.DuplexStreamingCall(EchoMethods.Chat);

        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"ping{i}" });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal($"PING{i}", call.ResponseStream.Current.Text);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Service_client_calls_every_kind_by_name_with_default_headers()
    {
        var client = new ServiceClient(Channel, TestEchoService.ServiceDescriptor, () => new Metadata { { "x-caller", "clinic-7" } });

        var unary = await client.UnaryAsync<EchoRequest, EchoResponse>("Echo", new EchoRequest { Text = "u" });
        Assert.Contains("x-caller=clinic-7", unary.SeenHeaders);
        Assert.Contains("userstate:caller=clinic-7", unary.SeenHeaders);

        using var expand = client.ServerStreaming<EchoRequest, EchoResponse>("Expand", new EchoRequest { Text = "s", Count = 3 });
        Assert.Equal(3, await expand.ResponseStream.ReadAllAsync().CountAsync());

        using var collect = client.ClientStreaming<EchoRequest, EchoResponse>("Collect");
        await collect.RequestStream.WriteAsync(new EchoRequest { Text = "x" });
        await collect.RequestStream.CompleteAsync();
        Assert.Equal("x", (await collect).Text);

        using var chat = client.DuplexStreaming<EchoRequest, EchoResponse>("Chat");
        await chat.RequestStream.WriteAsync(new EchoRequest { Text = "hi" });
        await chat.RequestStream.CompleteAsync();
        Assert.Equal(["HI"], await chat.ResponseStream.ReadAllAsync().Select(r => r.Text).ToListAsync());

        Assert.Throws<InvalidOperationException>(() => client.Unary<EchoRequest, EchoResponse>("NoSuchMethod", new EchoRequest()));
        Assert.Throws<InvalidOperationException>(() => client.Unary<FailRequest, EchoResponse>("Echo", new FailRequest()));
    }

    [Fact]
    public async Task Large_messages_up_to_the_limit_pass_both_ways()
    {
        var payload = ByteString.CopyFrom(new byte[4 * 1024 * 1024 - 1024]);
        var response = await Channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Payload = payload });
        Assert.Equal(payload.Length, response.Payload.Length);

        using var stream = Channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Count = 3, Payload = ByteString.CopyFrom(new byte[1024 * 1024]) });
        Assert.Equal(3, await stream.ResponseStream.ReadAllAsync().CountAsync());
    }
}
