using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Transfers;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Offsite;

/// <summary>Why a lookup of a resident's off-site summary was allowed; the numbers match the wire enum.</summary>
public enum AccessBasis
{
    OwningClinic = 1,
    KeyPopulation = 2,
    ResidentAuthorization = 3,
}

/// <summary>
/// How the resident's consent was given, as the clinic states it (R-OS-2). Kept in the audit log as
/// evidence; what authorizes the lookup is the city-verified grant.
/// </summary>
public sealed record ResidentAuthorization(ConsentMethod Method, string Evidence)
{
    public const int MaxEvidenceLength = 200;
}

/// <summary>The outcome of a lookup: allowed on a basis, or refused under a rule with a reason.</summary>
public sealed record OffsiteAccessDecision(AccessBasis? Basis, string? DeniedUnder, string? DenialReason)
{
    public bool Allowed => Basis is not null;

    /// <summary>What the audit log records: the basis of an allowed lookup, or the rule of a refused one.</summary>
    public string AuditBasis => Basis switch
    {
        AccessBasis.OwningClinic => "owning_clinic",
        AccessBasis.KeyPopulation => "key_population",
        AccessBasis.ResidentAuthorization => "resident_authorization",
        _ => DeniedUnder ?? "",
    };
}

/// <summary>Who may see a resident's off-site summary (R-OS-1, R-OS-2).</summary>
public static class OffsiteAccess
{
    /// <summary>The rule refusing a lookup of a resident outside the key populations without authorization.</summary>
    public const string NotKeyPopulation = "R-OS-2";

    /// <summary>The rule refusing off-site service to a resident who has lived at the serving place too long.</summary>
    public const string ResidentTooLong = "R-OS-1";

    /// <summary>
    /// The owning clinic always; another clinic for a key-population resident (R-OS-1) or with the
    /// resident's authorization (R-OS-2). The authorization is a grant the city verified (the
    /// resident's one-time code, R-AC-2) held by the user who looks: a clinic's own statement of
    /// consent no longer suffices. A resident living at the serving place for the policy's months or
    /// longer is no longer served off-site: the record should be transferred (R-OS-1, R-TR-1).
    /// </summary>
    public static OffsiteAccessDecision Decide(
        string servingInstitution, RecordState record, IReadOnlyCollection<KeyPopulation> populations,
        Access.AccessGrant? verifiedAuthorization, int? monthsResidentHere, PolicyProfile policy)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(populations);
        ArgumentNullException.ThrowIfNull(policy);
        if (record.OwnerInstitution == servingInstitution)
            return new(AccessBasis.OwningClinic, null, null);
        if (monthsResidentHere >= policy.OffsiteResidenceMonthsMax)
            return new(null, ResidentTooLong,
                $"The resident has lived here {monthsResidentHere} months; off-site service is for residents living here less than " +
                $"{policy.OffsiteResidenceMonthsMax} months. Ask for a transfer of the record instead (R-TR-1).");
        if (populations.Count > 0)
            return new(AccessBasis.KeyPopulation, null, null);
        if (verifiedAuthorization is { Basis: Access.AccessBasis.ResidentAuthorization } grant
            && grant.RecordNumber == record.Number.Value && grant.Institution == servingInstitution)
            return new(AccessBasis.ResidentAuthorization, null, null);
        return new(null, NotKeyPopulation,
            $"Record {record.Number.Value} is not of a key population (elderly, maternal, child 0-6, hypertension, diabetes); " +
            "another clinic sees it only with the resident's authorization, verified by the city: request the resident's code " +
            "(RequestResidentAuthorization) and confirm it (ConfirmResidentAuthorization) first.");
    }

    /// <summary>INVALID_ARGUMENT for a stated authorization without a method or evidence.</summary>
    public static ResidentAuthorization? Validate(int method, string? evidence, bool given)
    {
        if (!given)
            return null;
        var violations = new List<FieldViolation>();
        if (!Enum.IsDefined((ConsentMethod)method))
            violations.Add(new("authorization.method", $"must be a consent method 1-4, got {method}"));
        var text = evidence?.Trim() ?? "";
        if (text.Length == 0)
            violations.Add(new("authorization.evidence", "must not be empty: say what proves the authorization"));
        else if (text.Length > ResidentAuthorization.MaxEvidenceLength)
            violations.Add(new("authorization.evidence", $"must be at most {ResidentAuthorization.MaxEvidenceLength} characters, got {text.Length}"));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        return new((ConsentMethod)method, text);
    }
}
