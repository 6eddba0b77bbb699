using System.Collections.Concurrent;

namespace HealthRecords.Storage;

/// <summary>
/// Wakes in-process readers of a log once a transaction that appended to it has committed, so they
/// need not poll fast; writes of other processes on the same database still need a slow poll.
/// </summary>
public sealed class CommitSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.Ordinal);

    /// <summary>Completes at the next <see cref="Notify"/> for <paramref name="key"/> after this call.</summary>
    public Task NextAsync(string key = "") =>
        _next.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string key = "")
    {
        if (_next.TryRemove(key, out var waiting))
            waiting.TrySetResult();
    }
}
