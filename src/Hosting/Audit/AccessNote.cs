using HealthRecords.Rpc;

namespace HealthRecords.Hosting.Audit;

/// <summary>
/// What a call did with a resident's data, noted by the service for the audit entry the call leaves
/// (R-AC-5): which record, why (purpose), on what basis, with what evidence (e.g. a grant id).
/// </summary>
public sealed record AccessNote(string? RecordNumber, string Purpose, string? Basis = null, string? Evidence = null);

public static class AccessNotes
{
    public static void NoteAccess(this ServerCallContext context, AccessNote note)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UserState[typeof(AccessNote)] = note;
    }

    public static AccessNote? FindAccessNote(this ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(AccessNote), out var note) ? note as AccessNote : null;

    /// <summary>The service wrote this call's audit entry itself (the off-site summary, whose answer carries the entry's id).</summary>
    public static void NoteAuditedByService(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UserState[AuditedByService] = true;
    }

    public static bool IsAuditedByService(this ServerCallContext context) =>
        context is not null && context.UserState.ContainsKey(AuditedByService);

    private static readonly object AuditedByService = new();
}
