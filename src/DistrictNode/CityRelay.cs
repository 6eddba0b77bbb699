using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// Sends committed uploads to the city over one long-lived stream, in seq order and in batches, with
/// at most <see cref="Window"/> unanswered (backpressure). An upload leaves the pending set only when
/// the city's answer is committed here; after any failure the stream is reopened and every pending
/// upload is sent again — the city answers repeats as before, so the effect is exactly once.
/// </summary>
public sealed partial class CityRelay(CityClient city, UploadLog log, RelaySignal signal, ILogger<CityRelay> logger) : BackgroundService
{
    public const int BatchSize = 500;
    public const int Window = 4000;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        CityStreamRetry.RunAsync((_, token) => RelayAsync(token), (reason, delayMs) => LogRelayFailed(logger, reason, delayMs), stoppingToken);

    private async Task RelayAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = city.OpenRelay(stop.Token);
        var inFlight = 0;
        var room = new RelaySignal();
        var answers = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(stop.Token))
            {
                var acks = call.ResponseStream.Current.Acks;
                await log.MarkAnsweredAsync(acks.Select(a => (a.UploadId,
                    a.Outcome == Types.UploadOutcome.Accepted ? RelayState.AcceptedByCity : RelayState.RejectedByCity,
                    Google.Protobuf.MessageExtensions.ToByteArray(a))).ToList(), stop.Token);
                Interlocked.Add(ref inFlight, -acks.Count);
                room.Notify();
            }
            throw new RpcException(new Status(StatusCode.Unavailable, "The city closed the relay stream."));
        }, stop.Token);
        try
        {
            long lastSent = 0;
            while (true)
            {
                // Both taken before reading, so a commit or an answer in between is not missed.
                var wake = signal.WaitAsync();
                var roomFreed = room.WaitAsync();
                var free = Window - Volatile.Read(ref inFlight);
                var pending = free <= 0 ? [] : await log.PendingAfterAsync(lastSent, Math.Min(BatchSize, free), stop.Token);
                if (pending.Count == 0)
                {
                    var woke = await Task.WhenAny(wake, roomFreed, answers, Task.Delay(TimeSpan.FromSeconds(1), stop.Token));
                    if (woke == answers)
                        await answers; // rethrows why the stream ended
                    continue;
                }
                var request = new RelayServiceRecordsRequest();
                request.Records.AddRange(pending.Select(u => Types.ServiceRecord.Parser.ParseFrom(u.Payload)));
                Interlocked.Add(ref inFlight, pending.Count);
                await call.RequestStream.WriteAsync(request, stop.Token);
                lastSent = pending[^1].Seq;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await answers; } catch (Exception) { /* the stream is being torn down; the reason was logged or is the failure above */ }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay to the city interrupted ({Reason}); retrying in {DelayMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, string reason, double delayMs);
}
