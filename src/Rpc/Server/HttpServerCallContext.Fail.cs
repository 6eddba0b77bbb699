namespace HealthRecords.Rpc;

internal sealed partial class HttpServerCallContext
{
    /// <summary>Turns whatever ended the handler into the status the client gets.</summary>
    public Task FailAsync(Exception exception)
    {
        Status status;
        Google.Rpc.Status? richStatus = null;
        if (exception is not RpcException && !IsDeadlineExceeded)
        {
            foreach (var map in _runtime.Options.ExceptionMappers)
            {
                if (map(exception) is { } mapped)
                {
                    exception = mapped;
                    break;
                }
            }
        }
        if (exception is RpcException rpc)
        {
            status = rpc.Status;
            richStatus = rpc.RichStatus;
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.AddTrusted(entry);
            }
            ServerLog.RpcFailed(_runtime.Logger, _method, status, null);
        }
        else if (IsDeadlineExceeded)
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        else if (_http.RequestAborted.IsCancellationRequested)
        {
            status = new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }
        else
        {
            ServerLog.HandlerFailed(_runtime.Logger, _method, exception);
            var detail = "Exception was thrown by handler.";
            if (_runtime.Options.EnableDetailedErrors)
            {
                detail += $" {exception.GetType().Name}: {exception.Message}";
            }
            status = new Status(StatusCode.Unknown, detail);
        }
        return ObserveThenFinishAsync(status, richStatus);
    }

    // An observer that refuses (e.g. the audit could not be written) replaces the failure with its own.
    private async Task ObserveThenFinishAsync(Status status, Google.Rpc.Status? richStatus)
    {
        try
        {
            await ObserveAnswerAsync(status, richStatus).ConfigureAwait(false);
        }
        catch (RpcException refused)
        {
            (status, richStatus) = (refused.Status, refused.RichStatus);
        }
        Status = status;
        await FinishAsync(status, richStatus).ConfigureAwait(false);
    }
}
