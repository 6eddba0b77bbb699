namespace HealthRecords.Storage.Audit;

/// <summary>The outcome of checking the audit chain: intact, or the first entry that breaks it and how.</summary>
public sealed record AuditVerification(long EntriesChecked, long? BrokenAuditId, string? Problem)
{
    public bool Intact => Problem is null;

    public override string ToString() => Intact
        ? $"Access audit chain intact: {EntriesChecked} entries."
        : $"Access audit chain broken at audit_id {BrokenAuditId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(end)"}: {Problem}";
}
