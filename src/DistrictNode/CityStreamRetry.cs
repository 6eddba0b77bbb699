namespace HealthRecords.DistrictNode;

/// <summary>
/// The district's long-lived streams to the city (event feed, upload relay, digest exchange) run one
/// session after another until the node stops; after a failure the next waits 200 ms, doubling to 5 s,
/// and a session that made progress resets the wait.
/// </summary>
internal static class CityStreamRetry
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <param name="session">One session, until it fails; it calls the given action when it made progress.</param>
    /// <param name="failed">Logs why a session ended and the wait in milliseconds before the next.</param>
    public static async Task RunAsync(Func<Action, CancellationToken, Task> session, Action<string, double> failed, CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await session(() => backoff = FirstBackoff, stoppingToken);
                backoff = FirstBackoff;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failed(e.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}
