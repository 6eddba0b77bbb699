using System.Net;

namespace HealthRecords.Rpc;

/// <summary>
/// Request body of a client-streaming or duplex call: HttpClient hands us the HTTP/2 request
/// stream, writers use it, and the body ends (END_STREAM) when the caller completes.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _streamReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Stream> StreamReady => _streamReady.Task;

    public void Complete() => _completed.TrySetResult();

    public void Fail(Exception exception)
    {
        _streamReady.TrySetException(exception);
        _streamReady.Task.Exception?.Handle(_ => true); // nobody may be waiting; don't report it as unobserved
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _streamReady.TrySetResult(stream);
        try
        {
            await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The request was aborted or the response ended first; the stream is reset either way.
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
