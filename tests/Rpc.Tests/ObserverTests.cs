using Google.Protobuf;
using Google.Protobuf.Reflection;
using HealthRecords.Rpc.Tests.Echo;
using Microsoft.Extensions.DependencyInjection;

namespace HealthRecords.Rpc.Tests;

/// <summary>Server call observers: told once how each call ends, before its answer leaves; a refusing observer fails the call.</summary>
public sealed class ObserverTests
{
    [Fact]
    public async Task Unary_call_is_observed_once_with_its_request_and_OK()
    {
        await using var server = await StartAsync();
        using var channel = Channel(server);
        var observer = server.Get<RecordingObserver>();

        var response = await channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "seen" });

        Assert.Equal("seen", response.Text);
        var (method, request, code, _) = Assert.Single(observer.Seen);
        Assert.Equal(("Echo", StatusCode.OK, "seen"), (method, code, ((EchoRequest)request!).Text));
    }

    [Fact]
    public async Task Refusal_by_an_interceptor_is_observed_with_its_status()
    {
        await using var server = await StartAsync();
        using var channel = Channel(server);
        var observer = server.Get<RecordingObserver>();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.UnaryCall(EchoMethods.Echo, new EchoRequest(),
            new CallOptions(Headers: new Metadata { { "x-deny", "no" } })));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var (_, request, code, detail) = Assert.Single(observer.Seen);
        Assert.Equal((StatusCode.PermissionDenied, (IMessage?)null), (code, request));
        Assert.StartsWith("denied: no", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_stream_is_observed_once_before_its_first_message()
    {
        await using var server = await StartAsync();
        using var channel = Channel(server);
        var observer = server.Get<RecordingObserver>();
        using var call = channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Text = "m", Count = 3 });

        var messages = 0;
        while (await call.ResponseStream.MoveNext())
            messages++;

        Assert.Equal(3, messages);
        Assert.Equal(("Expand", StatusCode.OK), (Assert.Single(observer.Seen).Method, Assert.Single(observer.Seen).Code));
    }

    [Fact]
    public async Task Observer_that_refuses_fails_the_call_instead_of_answering()
    {
        await using var server = await StartAsync();
        using var channel = Channel(server);
        server.Get<RecordingObserver>().Refuse = true;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "secret" }));

        Assert.Equal((StatusCode.Unavailable, "not recorded"), (error.StatusCode, error.Status.Detail));
    }

    private static Task<TestServer> StartAsync() => TestServer.StartAsync(
        options: o => o.Observers.Add(typeof(RecordingObserver)),
        services: s => s.AddSingleton<RecordingObserver>());

    private static GrpcChannel Channel(TestServer server) => GrpcChannel.ForAddress(server.Address);

    public sealed class RecordingObserver : IServerCallObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Method, IMessage? Request, StatusCode Code, string Detail)> Seen { get; } = new();

        public bool Refuse { get; set; }

        public ValueTask OnAnswerAsync(ServerCallContext context, MethodDescriptor method, IMessage? request, Status status, Google.Rpc.Status? richStatus)
        {
            Seen.Enqueue((method.Name, request, status.StatusCode, status.Detail));
            return Refuse ? throw new RpcException(new Status(StatusCode.Unavailable, "not recorded")) : ValueTask.CompletedTask;
        }
    }
}
