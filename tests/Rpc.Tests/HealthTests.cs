using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HealthRecords.Rpc.Tests;

public static class HealthMethods
{
    public static readonly ServiceDescriptor Service = HealthReflection.Descriptor.Services.Single();
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = Method<HealthCheckRequest, HealthCheckResponse>.Create(Service, "Check");
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = Method<HealthCheckRequest, HealthCheckResponse>.Create(Service, "Watch");
}

public sealed class HealthTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<ServingStatus> CheckAsync(string service) =>
        (await _channel.UnaryCall(HealthMethods.Check, new HealthCheckRequest { Service = service })).Status;

    [Fact]
    public async Task Server_and_mapped_services_are_serving()
    {
        Assert.Equal(ServingStatus.Serving, await CheckAsync(""));
        Assert.Equal(ServingStatus.Serving, await CheckAsync("healthrecords.testing.v1.EchoService"));
        Assert.Equal(ServingStatus.Serving, await CheckAsync("grpc.health.v1.Health"));
    }

    [Fact]
    public async Task Unknown_service_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CheckAsync("no.such.Service"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Status_changes_are_reported_by_check_and_watch()
    {
        var registry = _server.Get<HealthStatusRegistry>();
        using var watch = _channel.ServerStreamingCall(HealthMethods.Watch, new HealthCheckRequest { Service = "healthrecords.testing.v1.EchoService" });
        var stream = watch.ResponseStream;
        Assert.True(await stream.MoveNext());
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);

        registry.SetStatus("healthrecords.testing.v1.EchoService", ServingStatus.NotServing);

        Assert.True(await stream.MoveNext());
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);
        Assert.Equal(ServingStatus.NotServing, await CheckAsync("healthrecords.testing.v1.EchoService"));

        registry.SetStatus("healthrecords.testing.v1.EchoService", ServingStatus.Serving);
        Assert.True(await stream.MoveNext());
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);
    }

    [Fact]
    public async Task Watch_of_unknown_service_reports_service_unknown_and_stays_open()
    {
        using var watch = _channel.ServerStreamingCall(HealthMethods.Watch, new HealthCheckRequest { Service = "later.Service" });
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.ServiceUnknown, watch.ResponseStream.Current.Status);

        _server.Get<HealthStatusRegistry>().SetStatus("later.Service", ServingStatus.Serving);

        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Stopping_the_server_ends_watches_with_not_serving()
    {
        using var watch = _channel.ServerStreamingCall(HealthMethods.Watch, new HealthCheckRequest());
        Assert.True(await watch.ResponseStream.MoveNext());

        var stopping = _server.App.StopAsync();

        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        Assert.False(await watch.ResponseStream.MoveNext());
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
