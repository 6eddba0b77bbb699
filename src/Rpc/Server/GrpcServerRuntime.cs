using Microsoft.Extensions.Logging;

namespace HealthRecords.Rpc;

/// <summary>What every call handler of one server shares: options, interceptors, logger.</summary>
internal sealed class GrpcServerRuntime
{
    public GrpcServerRuntime(GrpcServerOptions options, IReadOnlyList<IServerCallInterceptor> interceptors, ILogger logger,
        IReadOnlyList<IServerCallObserver>? observers = null)
    {
        Options = options;
        Interceptors = interceptors.ToArray();
        Observers = observers?.ToArray() ?? [];
        Logger = logger;
    }

    public GrpcServerOptions Options { get; }

    public IServerCallInterceptor[] Interceptors { get; }

    public IServerCallObserver[] Observers { get; }

    public ILogger Logger { get; }
}
