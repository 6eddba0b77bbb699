using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

internal sealed class UnaryCallHandler<TRequest, TResponse> : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());
    private readonly UnaryServerMethod<TRequest, TResponse> _handler;

    public UnaryCallHandler(MethodDescriptor method, GrpcServerRuntime runtime, UnaryServerMethod<TRequest, TResponse> handler)
        : base(method, runtime) => _handler = handler;

    protected override async Task InvokeAsync(HttpServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(Parser);
        call.Request = request;
        var response = await _handler(request, call);
        await call.WriteUnaryResponseAsync(response);
    }
}
