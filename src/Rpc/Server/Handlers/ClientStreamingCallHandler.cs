using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

internal sealed class ClientStreamingCallHandler<TRequest, TResponse> : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());
    private readonly ClientStreamingServerMethod<TRequest, TResponse> _handler;

    public ClientStreamingCallHandler(
        MethodDescriptor method, GrpcServerRuntime runtime, ClientStreamingServerMethod<TRequest, TResponse> handler)
        : base(method, runtime) => _handler = handler;

    protected override async Task InvokeAsync(HttpServerCallContext call)
    {
        var response = await _handler(new HttpRequestStreamReader<TRequest>(call, Parser), call);
        await call.WriteUnaryResponseAsync(response);
    }
}
