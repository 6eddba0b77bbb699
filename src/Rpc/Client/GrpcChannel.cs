using System.Collections.Concurrent;
using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>
/// A client's connection pool to one server: "http://host:port" is HTTP/2 cleartext with prior
/// knowledge, "https://host:port" is TLS with ALPN h2. Thread-safe; share one per server.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _ownsHandler;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        var handler = options.HttpHandler ?? ChannelHttpHandler.Create(options);
        _ownsHandler = options.HttpHandler is null || options.DisposeHttpHandler;
        // HttpMessageInvoker, not HttpClient: no global timeout, no response buffering; deadlines are per call.
        Invoker = new HttpMessageInvoker(handler, disposeHandler: _ownsHandler);
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not an http:// or https:// address.", nameof(address));
        }
        return new GrpcChannel(new Uri(uri.GetLeftPart(UriPartial.Authority)), options ?? new GrpcChannelOptions());
    }

    public AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = NewCall(method, MethodType.Unary, options);
        call.StartWithMessage(request);
        return new AsyncUnaryCall<TResponse>(call, call.ReadSingleResponseAsync());
    }

    public AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = NewCall(method, MethodType.ServerStreaming, options);
        call.StartWithMessage(request);
        return new AsyncServerStreamingCall<TResponse>(call, new ClientResponseStream<TRequest, TResponse>(call));
    }

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = NewCall(method, MethodType.ClientStreaming, options);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            call, new ClientRequestStream<TRequest, TResponse>(call), call.ReadSingleResponseAsync());
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = NewCall(method, MethodType.DuplexStreaming, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            call, new ClientRequestStream<TRequest, TResponse>(call), new ClientResponseStream<TRequest, TResponse>(call));
    }

    public void Dispose() => Invoker.Dispose();

    internal Uri GetUri(string path) => _uris.GetOrAdd(path, static (p, address) => new Uri(address, p), Address);

    private GrpcCall<TRequest, TResponse> NewCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, MethodType expected, CallOptions options)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new InvalidOperationException($"{method.FullName} is a {method.Type} method, not {expected}.");
        }
        return new GrpcCall<TRequest, TResponse>(this, method, options);
    }
}
