using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>Reads the body of a unary response (zero or one frame) into a pooled buffer and parses it.</summary>
internal static class UnaryResponseReader
{
    public static async Task<T?> ReadAsync<T>(
        Stream body, MessageParser<T> parser, int maxMessageSize, string? encoding, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length, buffer.Length * 2);
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                var before = length;
                length += read;
                if (before < GrpcFrame.HeaderSize && length >= GrpcFrame.HeaderSize)
                {
                    // Size the buffer for the whole frame once its length is known (and refuse oversized ones now).
                    var messageLength = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(1, 4));
                    if (messageLength > (uint)maxMessageSize)
                    {
                        throw new RpcException(new Status(StatusCode.ResourceExhausted,
                            $"Received message of {messageLength} bytes exceeds the maximum configured message size of {maxMessageSize}."));
                    }
                    var total = (int)messageLength + GrpcFrame.HeaderSize;
                    if (buffer.Length < total)
                    {
                        buffer = Grow(buffer, length, total);
                    }
                }
            }
            if (length == 0)
            {
                return null;
            }
            var sequence = new ReadOnlySequence<byte>(buffer, 0, length);
            if (!GrpcFrame.TryRead(ref sequence, maxMessageSize, out var compressed, out var payload))
            {
                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
            }
            if (!sequence.IsEmpty)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Additional data after the response message."));
            }
            var data = MessageCompression.Decode(compressed, payload, encoding, maxMessageSize, isServer: false);
            return GrpcFrame.Parse(parser, data, "response");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
