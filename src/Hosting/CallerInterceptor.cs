using Google.Protobuf.Reflection;
using HealthRecords.Rpc;

namespace HealthRecords.Hosting;

/// <summary>
/// Identifies the caller of every call (by its client certificate, R-AC-5) and asks the node whether it may call at all. Health checks
/// and reflection (service schemas, no data) stay open so that standard tools work.
/// </summary>
public abstract class CallerInterceptor : IServerCallInterceptor
{
    private const string ErrorDomain = "healthrecords";

    public ValueTask OnCallAsync(ServerCallContext context, MethodDescriptor method)
    {
        var package = method.Service.File.Package;
        if (package.StartsWith("grpc.health.", StringComparison.Ordinal) || package.StartsWith("grpc.reflection.", StringComparison.Ordinal))
            return ValueTask.CompletedTask;
        var caller = CallerIdentification.Identify(context);
        var refusal = Authorize(caller, context, method);
        if (refusal is not null)
            throw RpcErrors.WithErrorInfo(StatusCode.PermissionDenied, refusal, "CALLER_NOT_ALLOWED", ErrorDomain,
                new Dictionary<string, string> { ["caller"] = caller.HeaderValue });
        context.UserState[typeof(Caller)] = caller;
        return ValueTask.CompletedTask;
    }

    /// <summary>Null when the caller may call this node, else the reason it may not.</summary>
    protected abstract string? Authorize(Caller caller);

    /// <summary>Null when the caller may make this call; by default whoever may call this node may call any of its methods.</summary>
    protected virtual string? Authorize(Caller caller, ServerCallContext context, MethodDescriptor method) => Authorize(caller);
}

public static class CallerContextExtensions
{
    public static Caller GetCaller(this ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(Caller), out var caller) && caller is Caller c
            ? c
            : throw new InvalidOperationException("No caller was identified for this call.");
}
