namespace HealthRecords.Rpc;

internal sealed partial class HttpServerCallContext
{
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenSource? _linkedCts;
    private TaskCompletionSource? _deadlineReached;

    /// <summary>Completes when the deadline passes; null when the call has no deadline.</summary>
    public Task? DeadlineTask => _deadlineReached?.Task;

    public bool IsDeadlineExceeded => _deadlineCts?.IsCancellationRequested == true;

    private void StartDeadline(TimeSpan timeout)
    {
        _deadline = GrpcTimeout.ToDeadline(timeout);
        if (timeout.TotalMilliseconds >= int.MaxValue)
        {
            return; // beyond what a timer takes (~24 days); such a call effectively has no deadline
        }
        // With a deadline the timer may finish the call while the handler still writes, hence the gate.
        _gate = new SemaphoreSlim(1, 1);
        _deadlineReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deadlineCts = new CancellationTokenSource();
        _linkedCts = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted, _deadlineCts.Token);
        _cancellationToken = _linkedCts.Token;
        _deadlineCts.Token.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), _deadlineReached);
        _deadlineCts.CancelAfter(timeout);
    }

    /// <summary>
    /// Answers DEADLINE_EXCEEDED and ends the HTTP response at once, so the client is not kept
    /// waiting by a handler that ignores its token. The request delegate still waits for the
    /// handler before returning (Kestrel reuses the stream objects afterwards).
    /// </summary>
    public async Task DeadlineExceededAsync()
    {
        await EnterGateAsync().ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                return;
            }
            _finished = true;
            Status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            if (_http.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            WriteStatus(Status, null);
            await _http.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ServerLog.StatusWriteFailed(_runtime.Logger, _method, ex);
        }
        finally
        {
            ExitGate();
        }
    }
}
