using System.Threading.Channels;
using Google.Protobuf;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// Follows this district's event log at the city: subscribes from the last applied sequence number
/// and applies whatever has arrived in one transaction with the new position, so the index changes
/// only by applying the city's events, in order, once each (R-CN-2). After any failure (city down,
/// stream lost, an event that does not follow the last applied one) it subscribes again from the
/// position it committed, with backoff.
/// </summary>
public sealed partial class CityEventFollower(CityClient city, DistrictFeed feed, ILogger<CityEventFollower> logger) : BackgroundService
{
    // Events applied per transaction: amortises the fsync when catching up, one event when tailing.
    private const int MaxBatch = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        CityStreamRetry.RunAsync(FollowAsync, (reason, delayMs) => LogFollowFailed(logger, reason, delayMs), stoppingToken);

    /// <summary>One subscription, until it fails; <paramref name="progressed"/> runs after each applied batch.</summary>
    private async Task FollowAsync(Action progressed, CancellationToken stoppingToken)
    {
        var position = await feed.PositionAsync(stoppingToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = city.SubscribeDistrictEvents(position, stop.Token);
        LogSubscribed(logger, position);
        // Reads ahead so that whatever has arrived is applied in one transaction.
        var inbox = Channel.CreateBounded<Types.DistrictEvent>(new BoundedChannelOptions(MaxBatch * 2) { SingleReader = true, SingleWriter = true });
        var pump = Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                    await inbox.Writer.WriteAsync(call.ResponseStream.Current, stop.Token);
                inbox.Writer.Complete(new RpcException(new Status(StatusCode.Unavailable, "The city ended the event stream.")));
            }
            catch (Exception e)
            {
                inbox.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            var batch = new List<ReceivedEvent>(MaxBatch);
            while (await inbox.Reader.WaitToReadAsync(stop.Token)) // rethrows why the stream ended
            {
                batch.Clear();
                while (batch.Count < MaxBatch && inbox.Reader.TryRead(out var e))
                    batch.Add(new ReceivedEvent(e.Sequence, e.ToDomain(), e.ToByteArray()));
                await feed.ApplyAsync(batch, stop.Token); // refuses a gap: nothing is applied, we subscribe again
                progressed();
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await pump; } catch (Exception) { /* the stream is being torn down; the reason was thrown above */ }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the city's event log after sequence {Position}")]
    private static partial void LogSubscribed(ILogger logger, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "City event feed interrupted ({Reason}); subscribing again in {DelayMs} ms")]
    private static partial void LogFollowFailed(ILogger logger, string reason, double delayMs);
}
