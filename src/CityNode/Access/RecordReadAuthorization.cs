using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode.Access;

/// <summary>
/// Decides at the city, which holds owners and grants, whether the user of a call may read a
/// resident's record (R-AC-1, R-AC-2, R-AC-3), notes the decision for the audit entry (R-AC-5) and
/// refuses with PERMISSION_DENIED naming reason and rule.
/// </summary>
public sealed class RecordReadAuthorization(RecordGrains grains, RecordAccessGrants grants, PolicyProfile policy, TimeProvider clock)
{
    /// <summary>Metadata in which a caller may state why it reads (kept in the audit log); else the basis says it.</summary>
    public const string PurposeHeader = AuditEntries.PurposeHeader;

    public async Task<(RecordState Record, RecordAccessDecision Decision)> AuthorizeAsync(ServerCallContext context, RecordNumber number)
    {
        var principal = context.RequirePrincipal();
        // R-MG-3: a merged-away record's number reads its survivor, whose owner, status and grants decide.
        var record = await grains.GetCurrentAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
        number = record.Number;
        var facts = RecordAccessFacts.Of(record);
        var now = clock.GetUtcNow();
        var inForce = principal.Role == Role.Clinician
            ? await grants.InForceAsync(number.Value, principal.Institution, principal.User, now, context.CancellationToken)
            : [];
        var decision = RecordAccessPolicy.DecideRead(principal, facts, inForce, now, policy.Access);
        context.NoteAccess(new AccessNote(number.Value, Purpose(context, decision),
            decision.Basis?.ToString() ?? $"{decision.Denial!.Rule} {decision.Denial.Reason}", decision.GrantId));
        return decision.Denial is { } denial ? throw denial.ToRpcException() : (record, decision);
    }

    private static string Purpose(ServerCallContext context, RecordAccessDecision decision) =>
        context.RequestHeaders.GetValue(PurposeHeader) is { Length: > 0 } stated ? stated : decision.Basis switch
        {
            AccessBasis.OwningInstitution or AccessBasis.DistrictManagement or AccessBasis.CityManagement => "management",
            AccessBasis.ResidentAuthorization => "treatment",
            AccessBasis.Emergency => "emergency",
            AccessBasis.Self or AccessBasis.GuardianOfMinor or AccessBasis.GuardianOfAdult => "personal access",
            _ => "unspecified",
        };
}
