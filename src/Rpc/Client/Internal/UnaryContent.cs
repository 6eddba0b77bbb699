using System.Net;

namespace HealthRecords.Rpc;

/// <summary>Request body of a unary or server-streaming call: one frame. No content-length, as gRPC clients do.</summary>
internal sealed class UnaryContent : HttpContent
{
    private readonly byte[] _frame;

    public UnaryContent(byte[] frame) => _frame = frame;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_frame).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
