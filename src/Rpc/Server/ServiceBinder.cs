using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>
/// Collects a service's handlers at startup. Each registration is checked against the service
/// descriptor (method name, call kind, message types); a mismatch throws InvalidOperationException.
/// </summary>
public sealed class ServiceBinder
{
    private readonly ServiceDescriptor _service;
    private readonly GrpcServerRuntime _runtime;
    private readonly Dictionary<string, ServerCallHandler> _handlers = new(StringComparer.Ordinal);

    internal ServiceBinder(ServiceDescriptor service, GrpcServerRuntime runtime)
    {
        _service = service;
        _runtime = runtime;
    }

    internal IReadOnlyDictionary<string, ServerCallHandler> Handlers => _handlers;

    public ServiceBinder Unary<TRequest, TResponse>(string methodName, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = Resolve<TRequest, TResponse>(methodName, MethodType.Unary, handler);
        return Add(new UnaryCallHandler<TRequest, TResponse>(method, _runtime, handler));
    }

    public ServiceBinder ServerStreaming<TRequest, TResponse>(string methodName, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = Resolve<TRequest, TResponse>(methodName, MethodType.ServerStreaming, handler);
        return Add(new ServerStreamingCallHandler<TRequest, TResponse>(method, _runtime, handler));
    }

    public ServiceBinder ClientStreaming<TRequest, TResponse>(string methodName, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = Resolve<TRequest, TResponse>(methodName, MethodType.ClientStreaming, handler);
        return Add(new ClientStreamingCallHandler<TRequest, TResponse>(method, _runtime, handler));
    }

    public ServiceBinder DuplexStreaming<TRequest, TResponse>(string methodName, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = Resolve<TRequest, TResponse>(methodName, MethodType.DuplexStreaming, handler);
        return Add(new DuplexStreamingCallHandler<TRequest, TResponse>(method, _runtime, handler));
    }

    private MethodDescriptor Resolve<TRequest, TResponse>(string methodName, MethodType kind, Delegate handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = MethodResolver.Resolve<TRequest, TResponse>(_service, methodName, kind);
        if (_handlers.ContainsKey(method.Name))
        {
            throw new InvalidOperationException($"{MethodResolver.PathOf(method)} is bound twice.");
        }
        return method;
    }

    private ServiceBinder Add(ServerCallHandler handler)
    {
        _handlers.Add(handler.Method.Name, handler);
        return this;
    }
}
