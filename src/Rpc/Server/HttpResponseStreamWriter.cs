using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>Response stream of a server-streaming or duplex call.</summary>
internal sealed class HttpResponseStreamWriter<T> : IServerStreamWriter<T> where T : class, IMessage<T>
{
    private readonly HttpServerCallContext _call;

    public HttpResponseStreamWriter(HttpServerCallContext call) => _call = call;

    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        _call.WriteStreamMessageAsync(message, cancellationToken);
}
