using Google.Protobuf;
using Google.Protobuf.Reflection;
using HealthRecords.Grains.Access;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.Audit;

namespace HealthRecords.Hosting.Audit;

/// <summary>
/// Builds the audit entry of one call from what the pipeline knows (R-AC-5): the calling node, the
/// verified user and role, the service's <see cref="AccessNote"/> (record, purpose, basis, evidence) or
/// else the request's record_number and the stated purpose, and the outcome with the refusal's reason.
/// </summary>
public static class AuditEntries
{
    /// <summary>Metadata in which a caller states why it reads (kept in the audit log).</summary>
    public const string PurposeHeader = "hr-purpose";
    private const int MaxReasonLength = 200;

    public static AuditedAccess Of(ServerCallContext context, string action, IMessage? request, Status status, Google.Rpc.Status? richStatus, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.UserState.TryGetValue(typeof(Caller), out var identified) ? identified as Caller : null;
        var principal = context.FindPrincipal();
        var note = context.FindAccessNote();
        var allowed = status.StatusCode == StatusCode.OK;
        var reason = allowed ? null : Reason(status, richStatus);
        return new AuditedAccess(0, at,
            CallerDistrict: caller?.Code ?? "unidentified",
            InstitutionCode: principal?.Institution ?? (caller?.Kind == CallerKind.Institution ? caller.Code : ""),
            Staff: principal?.User ?? "",
            Action: action,
            RecordNumber: note?.RecordNumber ?? RecordNumberOf(request),
            Purpose: note?.Purpose ?? context.RequestHeaders.GetValue(PurposeHeader) ?? "",
            Allowed: allowed,
            Basis: note?.Basis ?? reason ?? "",
            AuthorizationMethod: null,
            AuthorizationEvidence: note?.Evidence,
            UserId: principal?.User,
            Role: principal?.Role.Name(),
            OutcomeCode: (int)status.StatusCode,
            OutcomeReason: reason);
    }

    // The ErrorInfo reason when the refusal carries one (e.g. USER_TOKEN_REQUIRED, NOT_AUTHORIZED), else its message.
    private static string Reason(Status status, Google.Rpc.Status? richStatus)
    {
        var info = richStatus?.Details.FirstOrDefault(d => d.Is(Google.Rpc.ErrorInfo.Descriptor))?.Unpack<Google.Rpc.ErrorInfo>();
        var text = info?.Reason is { Length: > 0 } r ? r : status.Detail;
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
    }

    private static string? RecordNumberOf(IMessage? request) =>
        request?.Descriptor.FindFieldByName("record_number") is { FieldType: FieldType.String, IsRepeated: false } field
            && field.Accessor.GetValue(request) is string { Length: > 0 } number
            ? number
            : null;
}
