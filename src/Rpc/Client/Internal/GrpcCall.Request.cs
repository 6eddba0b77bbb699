using System.Buffers;

namespace HealthRecords.Rpc;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private PushStreamContent? _requestContent;
    private bool _requestCompleted;
    private bool _writing;

    /// <summary>Unary and server-streaming: the whole request is one frame.</summary>
    public void StartWithMessage(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] frame;
        try
        {
            frame = GrpcFrame.ToArray(request, _channel.Options.MaxSendMessageSize);
        }
        catch (RpcException ex)
        {
            _sendTask = Task.FromException<HttpResponseMessage>(Fail(ex));
            return;
        }
        Start(new UnaryContent(frame));
    }

    /// <summary>Client-streaming and duplex: messages are pushed through <see cref="WriteAsync"/>.</summary>
    public void StartStreaming()
    {
        _requestContent = new PushStreamContent();
        Start(_requestContent);
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_requestCompleted)
        {
            throw new InvalidOperationException("Request stream has already been completed.");
        }
        if (_writing)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }
        if (FinalStatus is { } done)
        {
            throw done.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : new RpcException(done, GetTrailers());
        }
        _writing = true;
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(CancelledByUser), this)
            : default;
        byte[]? rented = null;
        try
        {
            var stream = await _requestContent!.StreamReady.WaitAsync(_cts.Token).ConfigureAwait(false);
            var length = GrpcFrame.WriteToRented(message, _channel.Options.MaxSendMessageSize, out rented);
            await stream.WriteAsync(rented.AsMemory(0, length), _cts.Token).ConfigureAwait(false);
            await stream.FlushAsync(_cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw WriteFailed(ex);
        }
        finally
        {
            _writing = false;
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public Task CompleteAsync()
    {
        _requestCompleted = true;
        _requestContent?.Complete();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A failed write does not decide the call status: the server may already have sent it.
    /// Report the known status if there is one, else what the failure says.
    /// </summary>
    private RpcException WriteFailed(Exception exception)
    {
        if (FinalStatus is { } done)
        {
            return new RpcException(done, GetTrailers(), null, exception);
        }
        if (exception is RpcException rpc)
        {
            return rpc;
        }
        return new RpcException(StatusFor(exception), new Metadata(), null, exception);
    }

    private void OnSendFailed(Exception exception) => _requestContent?.Fail(exception);

    private void CompleteRequestContent() => _requestContent?.Complete();
}
