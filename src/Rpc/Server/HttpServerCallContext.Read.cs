using Google.Protobuf;

namespace HealthRecords.Rpc;

internal sealed partial class HttpServerCallContext
{
    /// <summary>Unary and server-streaming requests: exactly one message, then end of stream.</summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser) where T : class, IMessage<T>
    {
        var reader = _http.Request.BodyReader;
        T? message = null;
        while (true)
        {
            var result = await reader.ReadAsync(_cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(_cancellationToken);
                }
                if (message is null && TryReadMessage(ref buffer, parser, out var parsed))
                {
                    message = parsed;
                }
                if (message is not null && !buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
                }
                if (result.IsCompleted)
                {
                    return message ?? throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Next message of a request stream, or null at its end.</summary>
    public async ValueTask<T?> ReadStreamMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var reader = _http.Request.BodyReader;
        var token = cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken;
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = false;
            try
            {
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(token);
                }
                if (TryReadMessage(ref buffer, parser, out var message))
                {
                    consumed = true;
                    return message;
                }
                if (result.IsCompleted)
                {
                    return buffer.IsEmpty ? null : throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }
            }
            finally
            {
                // After a message, leave the rest unexamined so the next read returns it without waiting.
                if (consumed)
                {
                    reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    private bool TryReadMessage<T>(ref System.Buffers.ReadOnlySequence<byte> buffer, MessageParser<T> parser, out T message)
        where T : class, IMessage<T>
    {
        if (!GrpcFrame.TryRead(ref buffer, MaxReceiveMessageSize, out var compressed, out var payload))
        {
            message = null!;
            return false;
        }
        var data = MessageCompression.Decode(compressed, payload, _requestEncoding, MaxReceiveMessageSize, isServer: true);
        message = GrpcFrame.Parse(parser, data, "request");
        return true;
    }
}
