namespace HealthRecords.Storage.Audit;

/// <summary>
/// Group commit of audit entries: the appends that arrive while a write is in flight go to the
/// database together, in one transaction, as the next write. Every read waits for its entry's commit
/// (R-AC-5: committed before the answer leaves), but a node pays one durable commit — an fsync on
/// SQLite — per group instead of per read, and the chain stays one line because one writer chains
/// the whole group under the head row.
/// </summary>
internal sealed class AuditGroupCommit(Func<IReadOnlyList<AuditedAccess>, Task<IReadOnlyList<long>>> write)
{
    // Enough to amortise the commit; small enough that one transaction stays short.
    private const int MaxGroup = 512;

    private readonly object _gate = new();
    private readonly List<Pending> _queue = [];
    private bool _writing;

    public Task<long> AppendAsync(AuditedAccess entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            _queue.Add(pending);
            lead = !_writing;
            _writing = true;
        }
        if (lead)
            _ = Task.Run(DrainAsync);
        return pending.Committed.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                group = _queue.GetRange(0, Math.Min(MaxGroup, _queue.Count));
                _queue.RemoveRange(0, group.Count);
            }
            try
            {
                var ids = await write(group.ConvertAll(p => p.Entry)).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                    group[i].Committed.SetResult(ids[i]);
            }
#pragma warning disable CA1031 // every waiter must learn that its entry was not written, whatever the failure
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var pending in group)
                    pending.Committed.SetException(e);
            }
        }
    }

    private sealed record Pending(AuditedAccess Entry, TaskCompletionSource<long> Committed);
}
