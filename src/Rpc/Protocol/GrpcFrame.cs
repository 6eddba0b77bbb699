using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>Length-Prefixed-Message: 1 byte compressed flag, 4 bytes big-endian length, then the message.</summary>
internal static class GrpcFrame
{
    public const int HeaderSize = 5;

    // Small frames go into one span; big ones are streamed into the writer so no big buffer is allocated.
    private const int SingleSpanLimit = 4096;

    /// <summary>Cuts one complete frame off the front of <paramref name="buffer"/>; false if more bytes are needed.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (header[0] > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Unexpected compressed flag value in message header."));
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum configured message size of {maxMessageSize}."));
        }
        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }
        compressed = header[0] == 1;
        payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    public static void Write(IBufferWriter<byte> writer, IMessage message, int? maxMessageSize)
    {
        var size = message.CalculateSize();
        CheckSendSize(size, maxMessageSize);
        if (size + HeaderSize <= SingleSpanLimit)
        {
            var span = writer.GetSpan(size + HeaderSize);
            WriteHeader(span, size);
            message.WriteTo(span.Slice(HeaderSize, size));
            writer.Advance(size + HeaderSize);
            return;
        }
        WriteHeader(writer.GetSpan(HeaderSize), size);
        writer.Advance(HeaderSize);
        message.WriteTo(writer);
    }

    /// <summary>One frame in an exact-size array (a unary request body, which HttpClient may send twice on retry).</summary>
    public static byte[] ToArray(IMessage message, int? maxMessageSize)
    {
        var size = message.CalculateSize();
        CheckSendSize(size, maxMessageSize);
        var frame = new byte[size + HeaderSize];
        WriteHeader(frame, size);
        message.WriteTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>One frame in a pooled array; the caller returns <paramref name="rented"/> to the pool.</summary>
    public static int WriteToRented(IMessage message, int? maxMessageSize, out byte[] rented)
    {
        var size = message.CalculateSize();
        CheckSendSize(size, maxMessageSize);
        rented = ArrayPool<byte>.Shared.Rent(size + HeaderSize);
        WriteHeader(rented, size);
        message.WriteTo(rented.AsSpan(HeaderSize, size));
        return size + HeaderSize;
    }

    public static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, string what) where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize {what} message."), new Metadata(), null, ex);
        }
    }

    private static void WriteHeader(Span<byte> span, int size)
    {
        span[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
    }

    private static void CheckSendSize(int size, int? maxMessageSize)
    {
        if (size > maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum configured message size of {maxMessageSize}."));
        }
    }
}
