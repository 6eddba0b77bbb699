using System.Buffers;
using System.IO.Compression;

namespace HealthRecords.Rpc;

/// <summary>
/// Inflates compressed frames. We never compress what we send, but accept gzip from peers
/// (grpcio clients can be configured to compress). Anything else is refused per the
/// compression spec: UNIMPLEMENTED on a server, INTERNAL on a client.
/// </summary>
internal static class MessageCompression
{
    public static ReadOnlySequence<byte> Decode(
        bool compressed, ReadOnlySequence<byte> payload, string? encoding, int maxMessageSize, bool isServer)
    {
        if (!compressed)
        {
            return payload;
        }
        if (string.Equals(encoding, GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            return Gunzip(payload, maxMessageSize);
        }
        var detail = encoding is null || string.Equals(encoding, GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase)
            ? "Compressed message received without a grpc-encoding. Supported encodings: identity, gzip"
            : $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: identity, gzip";
        // The spec asks a server to list what it does accept.
        var trailers = new Metadata();
        if (isServer)
        {
            trailers.Add(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        }
        throw new RpcException(new Status(isServer ? StatusCode.Unimplemented : StatusCode.Internal, detail), trailers);
    }

    private static ReadOnlySequence<byte> Gunzip(ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        try
        {
            using var input = new MemoryStream(payload.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxMessageSize)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        "Received message exceeds the maximum configured message size once decompressed."));
                }
                output.Write(chunk, 0, read);
            }
            return new ReadOnlySequence<byte>(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress message."), new Metadata(), null, ex);
        }
    }
}
