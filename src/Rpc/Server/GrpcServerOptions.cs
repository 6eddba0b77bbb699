namespace HealthRecords.Rpc;

public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted; bigger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; null means unlimited.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put handler exception messages in grpc-message (never enable towards untrusted callers).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary><see cref="IServerCallInterceptor"/> types, run in order; resolved from DI or created with ActivatorUtilities.</summary>
    public IList<Type> Interceptors { get; } = new List<Type>();

    /// <summary><see cref="IServerCallObserver"/> types, run in order when a call answers; resolved like interceptors.</summary>
    public IList<Type> Observers { get; } = new List<Type>();

    /// <summary>
    /// Turn application exceptions into statuses (e.g. a domain's validation error into
    /// INVALID_ARGUMENT), tried in order; the first non-null answer wins. Unmapped exceptions are UNKNOWN.
    /// </summary>
    public IList<Func<Exception, RpcException?>> ExceptionMappers { get; } = new List<Func<Exception, RpcException?>>();

    public GrpcServerOptions AddInterceptor<T>() where T : IServerCallInterceptor
    {
        Interceptors.Add(typeof(T));
        return this;
    }
}
