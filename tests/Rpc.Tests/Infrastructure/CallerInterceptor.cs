using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc.Tests;

/// <summary>Refuses calls carrying "x-deny"; records "x-caller" in UserState, as an auth interceptor would.</summary>
public sealed class CallerInterceptor : IServerCallInterceptor
{
    public int Calls;

    public ValueTask OnCallAsync(ServerCallContext context, MethodDescriptor method)
    {
        Interlocked.Increment(ref Calls);
        if (context.RequestHeaders.GetValue("x-deny") is { } reason)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"denied: {reason} ({method.FullName})"));
        }
        if (context.RequestHeaders.GetValue("x-caller") is { } caller)
        {
            context.UserState["caller"] = caller;
        }
        return ValueTask.CompletedTask;
    }
}
