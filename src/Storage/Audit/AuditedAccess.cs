namespace HealthRecords.Storage.Audit;

/// <summary>
/// One access to a resident's data, allowed or refused: who (node, institution, person, verified user
/// and role), what, which record, why, and the outcome (the gRPC status code and reason of a refusal).
/// </summary>
public sealed record AuditedAccess(
    long AuditId,
    DateTimeOffset At,
    string CallerDistrict,
    string InstitutionCode,
    string Staff,
    string Action,
    string? RecordNumber,
    string Purpose,
    bool Allowed,
    string Basis,
    int? AuthorizationMethod,
    string? AuthorizationEvidence,
    string? UserId = null,
    string? Role = null,
    int OutcomeCode = 0,
    string? OutcomeReason = null);
