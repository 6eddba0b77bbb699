using HealthRecords.Rpc;
using Microsoft.Extensions.Hosting;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>
/// Streams a district event log to a caller: what is there after a position, in pages, then each
/// new event as it is committed. A commit in this process wakes the stream at once; a poll finds
/// commits of other processes on the same database.
/// </summary>
public static class DistrictEventStreaming
{
    public const int PageSize = 500;
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <param name="readAfter">Events after a sequence number, in order, at most the given count.</param>
    /// <param name="nextCommit">Completes at the next commit to the log in this process.</param>
    public static async Task StreamAsync(long afterSequence,
        Func<long, int, CancellationToken, Task<IReadOnlyList<Proto.DistrictEvent>>> readAfter, Func<Task> nextCommit,
        IServerStreamWriter<Proto.DistrictEvent> events, ServerCallContext context, IHostApplicationLifetime lifetime)
    {
        // The server does not end long-lived streams when it stops: the handler watches for that itself.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var position = afterSequence;
        try
        {
            while (true)
            {
                var committed = nextCommit(); // taken before reading, so a commit in between is not missed
                var page = await readAfter(position, PageSize, stop.Token).ConfigureAwait(false);
                foreach (var e in page)
                {
                    await events.WriteAsync(e, stop.Token).ConfigureAwait(false);
                    position = e.Sequence;
                }
                if (page.Count == PageSize)
                    continue;
                await Task.WhenAny(committed, Task.Delay(Poll, stop.Token)).ConfigureAwait(false);
                stop.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The node is stopping; subscribe again after sequence {position}."));
        }
    }
}
