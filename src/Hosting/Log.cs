using Microsoft.Extensions.Logging;

namespace HealthRecords.Hosting;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Description}")]
    public static partial void LogStorage(this ILogger logger, string description);
}
