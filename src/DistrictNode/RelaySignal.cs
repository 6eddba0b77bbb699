namespace HealthRecords.DistrictNode;

/// <summary>Wakes the city relay when new uploads were committed, so it does not have to poll fast.</summary>
public sealed class RelaySignal
{
    private TaskCompletionSource _next = NewSource();

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    public Task WaitAsync() => Volatile.Read(ref _next).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
