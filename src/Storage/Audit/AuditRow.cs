namespace HealthRecords.Storage.Audit;

/// <summary>An access_audit row as stored, hashes included.</summary>
// Settable properties: Dapper maps a NULL column to a nullable property whatever type SQLite reports for it.
internal sealed class AuditRow
{
    public long AuditId { get; init; }
    public long AtMs { get; init; }
    public string CallerDistrict { get; init; } = "";
    public string InstitutionCode { get; init; } = "";
    public string Staff { get; init; } = "";
    public string Action { get; init; } = "";
    public string? RecordNumber { get; init; }
    public string Purpose { get; init; } = "";
    public long Allowed { get; init; }
    public string Basis { get; init; } = "";
    public long? AuthorizationMethod { get; init; }
    public string? AuthorizationEvidence { get; init; }
    public string? UserId { get; init; }
    public string? Role { get; init; }
    public long OutcomeCode { get; init; }
    public string? OutcomeReason { get; init; }
    public string? PrevHash { get; init; }
    public string? EntryHash { get; init; }

    public AuditedAccess ToEntry() => new(AuditId, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), CallerDistrict, InstitutionCode, Staff, Action,
        RecordNumber, Purpose, Allowed != 0, Basis, (int?)AuthorizationMethod, AuthorizationEvidence, UserId, Role, (int)OutcomeCode, OutcomeReason);
}
