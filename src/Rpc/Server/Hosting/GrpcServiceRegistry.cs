using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthRecords.Rpc;

/// <summary>
/// Per-application server state (a DI singleton): the shared runtime and the list of mapped
/// services, which reflection and health read.
/// </summary>
internal sealed class GrpcServiceRegistry
{
    private readonly object _lock = new();
    private readonly List<ServiceDescriptor> _services = new();
    private readonly IServiceProvider _provider;
    private readonly IOptions<GrpcServerOptions> _options;
    private readonly ILoggerFactory _loggerFactory;
    private GrpcServerRuntime? _runtime;

    public GrpcServiceRegistry(IServiceProvider provider, IOptions<GrpcServerOptions> options, ILoggerFactory loggerFactory)
    {
        _provider = provider;
        _options = options;
        _loggerFactory = loggerFactory;
    }

    public bool FallbackMapped { get; set; }

    /// <summary>Increments whenever a service is added, so caches built from the list can tell they are stale.</summary>
    public int Version { get; private set; }

    public GrpcServerRuntime Runtime
    {
        get
        {
            lock (_lock)
            {
                return _runtime ??= CreateRuntime();
            }
        }
    }

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_lock)
            {
                return _services.ToArray();
            }
        }
    }

    public void Add(ServiceDescriptor service)
    {
        lock (_lock)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"gRPC service {service.FullName} is mapped twice.");
            }
            _services.Add(service);
            Version++;
        }
    }

    private GrpcServerRuntime CreateRuntime()
    {
        var options = _options.Value;
        var interceptors = options.Interceptors.Select(type =>
            ActivatorUtilities.GetServiceOrCreateInstance(_provider, type) as IServerCallInterceptor
            ?? throw new InvalidOperationException($"{type.FullName} does not implement {nameof(IServerCallInterceptor)}.")).ToList();
        var observers = options.Observers.Select(type =>
            ActivatorUtilities.GetServiceOrCreateInstance(_provider, type) as IServerCallObserver
            ?? throw new InvalidOperationException($"{type.FullName} does not implement {nameof(IServerCallObserver)}.")).ToList();
        return new GrpcServerRuntime(options, interceptors, _loggerFactory.CreateLogger("HealthRecords.Rpc.Server"), observers);
    }
}
