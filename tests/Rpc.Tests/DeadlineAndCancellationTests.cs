using System.Diagnostics;
using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

public sealed class DeadlineAndCancellationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Deadline_fails_the_call_on_the_client_and_cancels_the_handler()
    {
        var key = Guid.NewGuid().ToString();
        var watch = Stopwatch.StartNew();
        using var call = fixture.Channel.UnaryCall(EchoMethods.Wait, new EchoRequest { Text = key },
            new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300)));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        var seen = await fixture.Echo.OutcomeFor(key).Task.WaitAsync(Patience);
        Assert.True(seen.TokenCancelled);
        Assert.True(seen.DeadlinePassed);
    }

    [Fact]
    public async Task Server_answers_deadline_exceeded_from_grpc_timeout()
    {
        var key = Guid.NewGuid().ToString();

        // No client-side deadline here: the status must come from the server.
        var raw = await RawGrpc.PostAsync(fixture.Server.Address, "/healthrecords.testing.v1.EchoService/Wait",
            RawGrpc.Frame(new EchoRequest { Text = key }), headers: ("grpc-timeout", "200m"));

        Assert.Equal("4", raw.GrpcStatus);
        Assert.True((await fixture.Echo.OutcomeFor(key).Task.WaitAsync(Patience)).TokenCancelled);
    }

    [Fact]
    public async Task Server_answers_at_the_deadline_even_if_the_handler_ignores_it()
    {
        var key = Guid.NewGuid().ToString();
        var watch = Stopwatch.StartNew();

        var raw = await RawGrpc.PostAsync(fixture.Server.Address, "/healthrecords.testing.v1.EchoService/Wait",
            RawGrpc.Frame(new EchoRequest { Text = key, DelayMs = 3000, IgnoreCancellation = true }), headers: ("grpc-timeout", "200m"));

        Assert.Equal("4", raw.GrpcStatus);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"answered after {watch.Elapsed}");
        var seen = await fixture.Echo.OutcomeFor(key).Task.WaitAsync(Patience);
        Assert.True(seen.TokenCancelled);
        Assert.Equal("alive", (await fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "alive" })).Text);
    }

    [Fact]
    public async Task Deadline_already_passed_fails_without_calling()
    {
        var calls = fixture.Server.Get<CallerInterceptor>().Calls;
        using var call = fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1)));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(calls, fixture.Server.Get<CallerInterceptor>().Calls);
    }

    [Fact]
    public async Task Call_within_its_deadline_succeeds()
    {
        var response = await fixture.Channel.UnaryCall(EchoMethods.Wait, new EchoRequest { Text = Guid.NewGuid().ToString(), DelayMs = 50 },
            new CallOptions().WithTimeout(TimeSpan.FromSeconds(10)));

        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task Deadline_on_a_stream_fails_the_reader()
    {
        using var call = fixture.Channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Text = Guid.NewGuid().ToString(), Count = -1 },
            new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Client_cancellation_is_cancelled_locally_and_observed_by_the_server()
    {
        var key = Guid.NewGuid().ToString();
        using var cts = new CancellationTokenSource();
        using var call = fixture.Channel.UnaryCall(EchoMethods.Wait, new EchoRequest { Text = key }, new CallOptions(CancellationToken: cts.Token));
        await WaitUntilStartedAsync(key);

        cts.Cancel();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var seen = await fixture.Echo.OutcomeFor(key).Task.WaitAsync(Patience);
        Assert.True(seen.TokenCancelled);
        Assert.False(seen.DeadlinePassed);
    }

    [Fact]
    public async Task Disposing_a_streaming_call_resets_the_stream_for_the_server()
    {
        var key = Guid.NewGuid().ToString();
        var call = fixture.Channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Text = key, Count = -1 });
        Assert.True(await call.ResponseStream.MoveNext());

        call.Dispose();

        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        Assert.True((await fixture.Echo.OutcomeFor(key).Task.WaitAsync(Patience)).TokenCancelled);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_read_cancels_the_call()
    {
        var key = Guid.NewGuid().ToString();
        using var call = fixture.Channel.DuplexStreamingCall(EchoMethods.Chat);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(cts.Token));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = key }));
    }

    [Fact]
    public async Task Status_is_not_available_before_the_call_ends()
    {
        using var cts = new CancellationTokenSource();
        using var call = fixture.Channel.UnaryCall(EchoMethods.Wait, new EchoRequest { Text = Guid.NewGuid().ToString() }, new CallOptions(CancellationToken: cts.Token));

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        cts.Cancel();
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
    }

    private async Task WaitUntilStartedAsync(string key)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!fixture.Echo.Outcomes.ContainsKey(key))
        {
            Assert.True(DateTime.UtcNow < deadline, "the handler never started");
            await Task.Delay(10);
        }
    }
}
