using HealthRecords.Rpc;

namespace HealthRecords.Integration.Tests.History;

/// <summary>The definite answer to a call: the response, or the status the platform refused with.</summary>
internal sealed record Actual<T>(T? Response, RpcException? Refusal, int Retries) where T : class
{
    public bool Ok => Refusal is null;

    /// <summary>The rule a FAILED_PRECONDITION names (PreconditionFailure.type), else empty.</summary>
    public string Rule => Refusal?.GetDetail<Google.Rpc.PreconditionFailure>() is { Violations.Count: > 0 } f ? f.Violations[0].Type : "";

    public override string ToString() => Ok ? "OK" : $"{Refusal!.StatusCode} {Rule} ({Refusal.Status.Detail})";
}

/// <summary>
/// Calls until the answer is definite. A call cut by a kill (unreachable, deadline, reset stream)
/// is repeated with the very same request, request id included: the services are idempotent by
/// request id, so the answer to the repeat is the answer to the original.
/// </summary>
internal sealed class RetryingCaller(Chaos chaos, TimeSpan giveUpAfter)
{
    private int _retried;

    /// <summary>How many operations needed at least one repeat.</summary>
    public int RetriedOperations => Volatile.Read(ref _retried);

    public async Task<Actual<T>> CallAsync<T>(string what, Func<CallOptions, Task<T>> call) where T : class
    {
        var giveUp = DateTime.UtcNow + giveUpAfter;
        var retries = 0;
        while (true)
        {
            var epoch = chaos.Epoch;
            try
            {
                return new Actual<T>(await call(new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(20))), null, retries);
            }
            catch (RpcException e) when (!Definite(e, epoch))
            {
                if (retries++ == 0)
                    Interlocked.Increment(ref _retried);
                if (DateTime.UtcNow > giveUp)
                    throw new TimeoutException($"No definite answer to {what} within {giveUpAfter} ({retries} attempts); last: {e.StatusCode} {e.Status.Detail}", e);
                await Task.Delay(150);
            }
            catch (RpcException e)
            {
                return new Actual<T>(null, e, retries);
            }
        }
    }

    /// <summary>
    /// Unreachable and deadline are never definite. A reset or unknown error is, unless a node was
    /// killed or restarted during the call: then it is an effect of the kill, and the call is repeated.
    /// </summary>
    private bool Definite(RpcException e, int epochAtStart) => e.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => false,
        StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.Aborted => chaos.Epoch == epochAtStart && !chaos.AnyDown,
        _ => true,
    };
}
