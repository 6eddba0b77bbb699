using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HealthRecords.Rpc;

/// <summary>grpc.health.v1.Health per the gRPC health checking protocol.</summary>
internal sealed class HealthService : IGrpcService
{
    private readonly HealthStatusRegistry _registry;
    private readonly CancellationToken _stopping;

    public HealthService(HealthStatusRegistry registry, IHostApplicationLifetime? lifetime = null)
    {
        _registry = registry;
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        // A stopping server is no longer serving; watchers hear it before their streams end.
        _stopping.Register(_registry.SetAllNotServing);
    }

    public ServiceDescriptor Descriptor { get; } = HealthReflection.Descriptor.Services.Single(s => s.Name == "Health");

    public void Bind(ServiceBinder binder) => binder
        .Unary<HealthCheckRequest, HealthCheckResponse>("Check", CheckAsync)
        .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync);

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        if (!_registry.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        }
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> stream, ServerCallContext context)
    {
        ServingStatus? sent = null;
        while (true)
        {
            var (status, changed) = _registry.Observe(request.Service);
            if (status != sent)
            {
                await stream.WriteAsync(new HealthCheckResponse { Status = status });
                sent = status;
            }
            if (_stopping.IsCancellationRequested)
            {
                return; // ends the stream with OK after NOT_SERVING; clients retry elsewhere
            }
            await changed.WaitAsync(context.CancellationToken);
        }
    }
}
