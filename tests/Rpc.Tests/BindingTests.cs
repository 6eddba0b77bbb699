using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using HealthRecords.Rpc.Tests.Echo;
using Microsoft.AspNetCore.Builder;

namespace HealthRecords.Rpc.Tests;

/// <summary>Mistakes in binding fail at startup, not on the wire.</summary>
public sealed class BindingTests
{
    private sealed class BadService(Action<ServiceBinder> bind) : IGrpcService
    {
        public ServiceDescriptor Descriptor => TestEchoService.ServiceDescriptor;

        public void Bind(ServiceBinder binder) => bind(binder);
    }

    private static async Task<InvalidOperationException> MapFailsAsync(Action<ServiceBinder> bind)
    {
        InvalidOperationException? failure = null;
        await using var server = await TestServer.StartAsync(
            services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, new BadService(bind)),
            map: app => failure = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<BadService>()));
        return failure!;
    }

    [Fact]
    public async Task Unknown_method_name_is_refused()
    {
        var error = await MapFailsAsync(b => b.Unary<EchoRequest, EchoResponse>("Echoo", (r, c) => Task.FromResult(new EchoResponse())));
        Assert.Contains("Echoo", error.Message);
    }

    [Fact]
    public async Task Wrong_call_kind_is_refused()
    {
        var error = await MapFailsAsync(b => b.Unary<EchoRequest, EchoResponse>("Expand", (r, c) => Task.FromResult(new EchoResponse())));
        Assert.Contains("ServerStreaming", error.Message);
    }

    [Fact]
    public async Task Wrong_message_type_is_refused()
    {
        var error = await MapFailsAsync(b => b.Unary<HealthCheckRequest, EchoResponse>("Echo", (r, c) => Task.FromResult(new EchoResponse())));
        Assert.Contains("grpc.health.v1.HealthCheckRequest", error.Message);
    }

    [Fact]
    public async Task Binding_twice_is_refused()
    {
        var error = await MapFailsAsync(b => b
            .Unary<EchoRequest, EchoResponse>("Echo", (r, c) => Task.FromResult(new EchoResponse()))
            .Unary<EchoRequest, EchoResponse>("Echo", (r, c) => Task.FromResult(new EchoResponse())));
        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void Client_methods_are_validated_too()
    {
        Assert.Throws<InvalidOperationException>(() => Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Missing"));
        Assert.Throws<InvalidOperationException>(() => Method<EchoRequest, HealthCheckResponse>.Create(TestEchoService.ServiceDescriptor, "Echo"));
        Assert.Equal(MethodType.DuplexStreaming, EchoMethods.Chat.Type);
        Assert.Equal(MethodType.ClientStreaming, EchoMethods.Collect.Type);
        Assert.Equal("/healthrecords.testing.v1.EchoService/Expand", EchoMethods.Expand.FullName);
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        Assert.Throws<InvalidOperationException>(() => channel.UnaryCall(EchoMethods.Expand, new EchoRequest()));
    }

    [Fact]
    public void Mapping_without_AddGrpcServer_explains_itself()
    {
        var app = WebApplication.CreateBuilder().Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<TestEchoService>());
        Assert.Contains("AddGrpcServer", error.Message);
    }
}
