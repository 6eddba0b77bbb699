using HealthRecords.Grains.Quality;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode.Quality;

/// <summary>
/// R-CN-4: computes the city-wide data-quality report every <c>Quality:ReportEvery</c> (a day by default;
/// zero: never), so the dashboard's figures are at most that old even when nobody asks for a report.
/// </summary>
public sealed partial class QualityReportSchedule(QualityReports reports, IConfiguration configuration, TimeProvider clock, ILogger<QualityReportSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = configuration.GetValue("Quality:ReportEvery", TimeSpan.FromDays(1));
        if (every <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var report = await reports.ComputeAsync(QualityScope.City, stoppingToken);
                LogReport(logger, report.Total.RecordsOwned, report.Total.Score);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled data-quality report: {Records} records, score {Score}")]
    private static partial void LogReport(ILogger logger, long records, decimal score);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled data-quality report failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
