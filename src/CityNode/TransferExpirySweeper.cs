using HealthRecords.Grains.Time;

namespace HealthRecords.CityNode;

/// <summary>
/// R-TR-2: marks requests unanswered past their deadline as expired, so they are reported overdue
/// and the record can be asked for again. Several city processes may sweep one database: the
/// record's version check lets one of them expire each request.
/// </summary>
public sealed class TransferExpirySweeper(TransferWorkflow workflow, TimeProvider clock, IConfiguration configuration, ILogger<TransferExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Transfers:ExpirySweepSeconds", 1.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var expired = await workflow.ExpireDueAsync(clock.UtcNowMs(), stoppingToken);
                if (expired > 0)
                    logger.LogInformation("Expired {Count} transfer request(s) unanswered past their deadline (R-TR-2).", expired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Transfer expiry sweep failed; retrying.");
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
