using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Records;

/// <summary>
/// R-ID-6, R-ST-1: what every change of a record's identity fields (R-ID-3 re-keying, a correction of
/// the basic information) requires: an active record, its owning clinic, the staff member and the consent.
/// </summary>
public static class IdentityChangeRules
{
    /// <param name="change">What the clinic does, e.g. "changes the identity", for the refusal's message.</param>
    public static void RequireOwningClinicOfActiveRecord(RecordState record, string institutionCode, string change)
    {
        ArgumentNullException.ThrowIfNull(record);
        // R-ST-1: archived and merged-away records take no updates.
        if (record.Status.IsArchived())
            throw new DomainRuleViolation("R-ST-1", record.Number.Value, $"Record {record.Number} is {record.Status}; archived records take no updates.");
        if (institutionCode != record.OwnerInstitution)
            throw new DomainRuleViolation("R-ID-6", record.Number.Value, $"Only the owning clinic {record.OwnerInstitution} {change} of record {record.Number}.");
    }

    /// <summary>recorded_by and consent are required; <paramref name="consentRequired"/> says why, naming R-ID-6.</summary>
    public static void AddRecordedConsent(List<FieldViolation> violations, string recordedBy, string consent, string consentRequired)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrWhiteSpace(recordedBy))
            violations.Add(new("recorded_by", "is required"));
        if (string.IsNullOrWhiteSpace(consent))
            violations.Add(new("consent", consentRequired));
    }
}
