using HealthRecords.Grains.Reconciliation;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>R-CN-2: reconciles every district at the configured interval (<c>Reconciliation:Every</c>), so history accrues without anyone asking.</summary>
public sealed partial class ReconciliationSchedule(IndexReconciler reconciler, ReconciliationOptions options, TimeProvider clock, ILogger<ReconciliationSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Every <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(options.Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var run = await reconciler.RunAsync(ReconciliationTrigger.Scheduled, ReconciliationRun.Schedule, null, null, stoppingToken);
                LogRun(logger, run.Id, run.Outcome.ToString(), run.FindingCount);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled reconciliation {RunId}: {Outcome}, {Findings} differing records")]
    private static partial void LogRun(ILogger logger, string runId, string outcome, long findings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled reconciliation failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
