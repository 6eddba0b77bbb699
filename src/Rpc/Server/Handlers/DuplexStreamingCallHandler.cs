using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

internal sealed class DuplexStreamingCallHandler<TRequest, TResponse> : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());
    private readonly DuplexStreamingServerMethod<TRequest, TResponse> _handler;

    public DuplexStreamingCallHandler(
        MethodDescriptor method, GrpcServerRuntime runtime, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        : base(method, runtime) => _handler = handler;

    protected override Task InvokeAsync(HttpServerCallContext call) =>
        _handler(new HttpRequestStreamReader<TRequest>(call, Parser), new HttpResponseStreamWriter<TResponse>(call), call);
}
