using Microsoft.Extensions.Logging;

namespace HealthRecords.Rpc;

internal static class ServerLog
{
    private static readonly Action<ILogger, string, Exception?> HandlerFailedMessage = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(1, "HandlerFailed"), "Error when executing gRPC method {Method}.");

    private static readonly Action<ILogger, string, StatusCode, string, Exception?> RpcFailedMessage =
        LoggerMessage.Define<string, StatusCode, string>(
            LogLevel.Debug, new EventId(2, "RpcFailed"), "gRPC method {Method} ended with {StatusCode}: {Detail}");

    private static readonly Action<ILogger, string, Exception?> StatusWriteFailedMessage = LoggerMessage.Define<string>(
        LogLevel.Debug, new EventId(3, "StatusWriteFailed"), "Could not send the status of gRPC method {Method}.");

    public static void HandlerFailed(ILogger logger, string method, Exception exception) =>
        HandlerFailedMessage(logger, method, exception);

    public static void RpcFailed(ILogger logger, string method, Status status, Exception? exception) =>
        RpcFailedMessage(logger, method, status.StatusCode, status.Detail, exception);

    public static void StatusWriteFailed(ILogger logger, string method, Exception exception) =>
        StatusWriteFailedMessage(logger, method, exception);
}
