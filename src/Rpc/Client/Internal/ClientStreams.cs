using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>The response stream a caller reads.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse> : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public ClientResponseStream(GrpcCall<TRequest, TResponse> call) => _call = call;

    public TResponse Current => _call.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken = default) => _call.MoveNextAsync(cancellationToken);
}

/// <summary>The request stream a caller writes.</summary>
internal sealed class ClientRequestStream<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public ClientRequestStream(GrpcCall<TRequest, TResponse> call) => _call = call;

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => _call.WriteAsync(message, cancellationToken);

    public Task CompleteAsync() => _call.CompleteAsync();
}
