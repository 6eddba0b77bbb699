using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>
/// Calls methods of one service by name; typed clients wrap this. Method handles are created
/// and validated once per name. <paramref name="defaultHeaders"/> runs per call and its entries
/// go before the call's own headers.
/// </summary>
public class ServiceClient(GrpcChannel channel, ServiceDescriptor service, Func<Metadata>? defaultHeaders = null)
{
    private readonly ConcurrentDictionary<string, object> _methods = new(StringComparer.Ordinal);

    public GrpcChannel Channel { get; } = channel ?? throw new ArgumentNullException(nameof(channel));

    public ServiceDescriptor Service { get; } = service ?? throw new ArgumentNullException(nameof(service));

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(string method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = Unary<TRequest, TResponse>(method, request, options);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    public AsyncUnaryCall<TResponse> Unary<TRequest, TResponse>(string method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Channel.UnaryCall(GetMethod<TRequest, TResponse>(method), request, WithDefaults(options));

    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(string method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Channel.ServerStreamingCall(GetMethod<TRequest, TResponse>(method), request, WithDefaults(options));

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(string method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Channel.ClientStreamingCall(GetMethod<TRequest, TResponse>(method), WithDefaults(options));

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(string method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Channel.DuplexStreamingCall(GetMethod<TRequest, TResponse>(method), WithDefaults(options));

    protected Method<TRequest, TResponse> GetMethod<TRequest, TResponse>(string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = _methods.GetOrAdd(name, static (n, s) => Method<TRequest, TResponse>.Create(s, n), Service);
        return method as Method<TRequest, TResponse>
            ?? throw new InvalidOperationException($"Method '{name}' was first used with other message types.");
    }

    private CallOptions WithDefaults(CallOptions options)
    {
        var defaults = defaultHeaders?.Invoke();
        if (defaults is null || defaults.Count == 0)
        {
            return options;
        }
        var merged = new Metadata();
        foreach (var entry in defaults)
        {
            merged.AddTrusted(entry);
        }
        if (options.Headers is not null)
        {
            foreach (var entry in options.Headers)
            {
                merged.AddTrusted(entry);
            }
        }
        return options with { Headers = merged };
    }
}
