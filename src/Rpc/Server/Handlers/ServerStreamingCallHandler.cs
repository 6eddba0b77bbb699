using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

internal sealed class ServerStreamingCallHandler<TRequest, TResponse> : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());
    private readonly ServerStreamingServerMethod<TRequest, TResponse> _handler;

    public ServerStreamingCallHandler(
        MethodDescriptor method, GrpcServerRuntime runtime, ServerStreamingServerMethod<TRequest, TResponse> handler)
        : base(method, runtime) => _handler = handler;

    protected override async Task InvokeAsync(HttpServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(Parser);
        call.Request = request;
        await _handler(request, new HttpResponseStreamWriter<TResponse>(call), call);
    }
}
