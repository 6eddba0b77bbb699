using HealthRecords.Contracts.District.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;

namespace HealthRecords.ClinicAgent.Uploads;

/// <summary>How a sync is going, for a progress display.</summary>
public sealed record SyncProgress(long Acknowledged, long Rejected, long Remaining, double RecordsPerSecond, string? Problem);

/// <summary>
/// Drains the queue to the district over one bidirectional stream: records go out in queue order with
/// at most <see cref="Window"/> unacknowledged; each acknowledgement removes its record from the queue.
/// When the district is unreachable or the stream breaks, it waits (with backoff) and starts again
/// from what is still queued; the district answers a repeat like the first time, so nothing doubles.
/// </summary>
public sealed class Uploader(DistrictConnection district, UploadQueue queue)
{
    public const int Window = 2000;
    private const int ReadBatch = 500;
    private const int AckBatch = 500;

    /// <summary>A stream that acknowledges nothing for this long while records are out is given up and reopened.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Uploads until the queue is empty, or gives up once <paramref name="giveUpAfter"/> passed without progress.</summary>
    public async Task<SyncProgress> SyncAsync(IProgress<SyncProgress>? progress, TimeSpan giveUpAfter, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        long acknowledged = 0, rejected = 0;
        var lastProgress = DateTime.UtcNow;
        var backoff = TimeSpan.FromMilliseconds(250);
        SyncProgress Snapshot(string? problem) => new(acknowledged, rejected, queue.Count(),
            acknowledged / Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds), problem);

        while (queue.Count() > 0)
        {
            var before = acknowledged;
            try
            {
                await UploadOnceAsync(acks =>
                {
                    queue.Complete(acks);
                    acknowledged += acks.Count;
                    rejected += acks.Count(a => a.Outcome == UploadOutcome.Rejected);
                    lastProgress = DateTime.UtcNow;
                    backoff = TimeSpan.FromMilliseconds(250);
                    progress?.Report(Snapshot(null));
                }, cancellationToken);
                if (acknowledged == before && queue.Count() > 0)
                    throw new IOException("The district ended the upload stream without acknowledging anything.");
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (DateTime.UtcNow - lastProgress > giveUpAfter)
                    throw;
                progress?.Report(Snapshot($"district unreachable ({(e as RpcException)?.Status.Detail ?? e.Message}); retrying in {backoff.TotalSeconds:0.#} s"));
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        var done = Snapshot(null);
        progress?.Report(done);
        return done;
    }

    /// <summary>Worth retrying: the network or the district, not a refusal of who we are.</summary>
    private static bool IsTransient(Exception e) => e switch
    {
        RpcException r => r.StatusCode is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.InvalidArgument),
        IOException or HttpRequestException or OperationCanceledException => true,
        _ => false,
    };

    private async Task UploadOnceAsync(Action<IReadOnlyList<UploadAck>> onAcks, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = district.OpenUploadStream(stop.Token);
        var outstanding = 0;
        var room = new SemaphoreSlim(0);
        var lastAck = DateTime.UtcNow;
        var watchdog = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                if (Volatile.Read(ref outstanding) > 0 && DateTime.UtcNow - lastAck > AckTimeout)
                    await stop.CancelAsync(); // a silent stream (half-dead connection) must not stall the clinic
            }
        }, stop.Token);
        var receiver = Task.Run(async () =>
        {
            var pending = new List<UploadAck>(AckBatch);
            try
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                    pending.AddRange(call.ResponseStream.Current.Acks);
                    if (pending.Count >= AckBatch || Volatile.Read(ref outstanding) - pending.Count <= 0)
                        Flush();
                }
            }
            finally
            {
                Flush(); // what was acknowledged is durable at the district: record it even if the stream broke
            }

            void Flush()
            {
                if (pending.Count == 0)
                    return;
                onAcks(pending.ToList());
                lastAck = DateTime.UtcNow;
                Interlocked.Add(ref outstanding, -pending.Count);
                pending.Clear();
                room.Release();
            }
        }, stop.Token);

        try
        {
            long lastSent = 0;
            while (true)
            {
                while (Volatile.Read(ref outstanding) >= Window && !receiver.IsCompleted)
                    await Task.WhenAny(room.WaitAsync(stop.Token), receiver);
                if (receiver.IsCompleted)
                    break;
                var batch = queue.ReadAfter(lastSent, Math.Min(ReadBatch, Window - Volatile.Read(ref outstanding)));
                if (batch.Count == 0)
                    break;
                Interlocked.Add(ref outstanding, batch.Count);
                var request = new UploadServiceRecordsRequest();
                request.Records.AddRange(batch.Select(b => b.Record));
                await call.RequestStream.WriteAsync(request, stop.Token);
                lastSent = batch[^1].Seq;
            }
            if (!receiver.IsCompleted)
                await call.RequestStream.CompleteAsync();
            await receiver;
        }
        finally
        {
            await stop.CancelAsync();
            try { await receiver; } catch (Exception) { /* already reported by the await above, or cancelled on purpose */ }
            try { await watchdog; } catch (OperationCanceledException) { /* it ends with the stream */ }
        }
    }
}
