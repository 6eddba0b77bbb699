using System.Data.Common;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using HealthRecords.Rpc;
using HealthRecords.Storage.Audit;

namespace HealthRecords.Hosting.Audit;

/// <summary>
/// R-AC-5: appends the audit entry of every call of an <see cref="AuditedMethods"/> method, allowed or
/// refused (UNAUTHENTICATED and PERMISSION_DENIED included), before its answer leaves. If the entry
/// cannot be written the call fails: no read goes unaudited.
/// </summary>
public sealed class AccessAuditObserver(AuditedMethods methods, AccessAuditLog log, TimeProvider clock) : IServerCallObserver
{
    public async ValueTask OnAnswerAsync(ServerCallContext context, MethodDescriptor method, IMessage? request, Status status, Google.Rpc.Status? richStatus)
    {
        if (!methods.TryGetAction(method, out var action) || context.IsAuditedByService())
            return;
        var entry = AuditEntries.Of(context, action, request, status, richStatus, clock.GetUtcNow());
        try
        {
            // Not the call's token: a client that goes away must not leave its read unrecorded.
            await log.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            throw RpcErrors.WithErrorInfo(StatusCode.Unavailable, "The access could not be written to the audit log (R-AC-5); nothing was read.",
                "AUDIT_UNAVAILABLE", "healthrecords", new Dictionary<string, string> { ["rule"] = "R-AC-5" });
        }
    }
}
