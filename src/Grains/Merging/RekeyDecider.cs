using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-ID-3 (CQ-A1 2(4), GD art. 14): when a newborn gets an ID number, the birth-certificate or mother
/// key is replaced by it. The number must be valid (R-ID-2) and agree with the record: it encodes the
/// birth date and the sex. If the number is already enrolled, the two records are one child: the
/// pair goes to the merge queue instead of failing.
/// </summary>
public static class RekeyDecider
{
    public const string IdNumberField = "citizen_id_number";

    /// <param name="enrolledUnderId">The index entry already holding the new key, if any (looked up by the caller).</param>
    public static RekeyDecision Decide(RecordState record, RekeyIdentity command, RecordState? enrolledUnderId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(command);
        if (record.HasApplied(command.RequestId))
            return new RekeyDecision.Rekeyed([]);
        IdentityChangeRules.RequireOwningClinicOfActiveRecord(record, command.InstitutionCode, "changes the identity");
        if (record.Identity.Kind is not (IdentityKind.BirthMedicalCertificate or IdentityKind.NewbornOfMother))
            throw new DomainRuleViolation("R-ID-3", record.Number.Value,
                $"Record {record.Number} is already keyed by an ID number; only a newborn's key is replaced.");

        var key = IdentityKey.For(ValidNumber(record, command, CityTime.DateOf(now)));
        if (enrolledUnderId is not null && enrolledUnderId.Number != record.Number)
        {
            var rekeyed = new DuplicateSubject(record.Number.Value, key, record.Profile, record.Identity.Newborn?.MotherId);
            var match = DuplicateDetector.Compare(rekeyed, DuplicateSubject.Of(enrolledUnderId));
            return new RekeyDecision.ToMergeQueue(new(RecordPair.Of(record.Number.Value, enrolledUnderId.Number.Value), match));
        }
        return new RekeyDecision.Rekeyed([new IdentityRekeyed(now, command.InstitutionCode, command.RecordedBy.Trim(), command.RequestId,
            record.Identity.Value, key.Value, command.Consent.Trim())]);
    }

    private static CitizenIdNumber ValidNumber(RecordState record, RekeyIdentity command, DateOnly today)
    {
        var violations = new List<FieldViolation>();
        // R-ID-6: an identity field changes only with the guardian's consent, recorded.
        IdentityChangeRules.AddRecordedConsent(violations, command.RecordedBy, command.Consent,
            "is required: the ID number is an identity field, changed with the guardian's consent (R-ID-6)");
        if (!CitizenIdNumber.TryParse(command.IdNumber, today, out var id, out var error))
            violations.Add(new(IdNumberField, error));
        else
        {
            if (record.Profile.DateOfBirth is { } born && born != id.BirthDate)
                violations.Add(new(IdNumberField,
                    $"encodes the birth date {Date(id.BirthDate)}, but the record's date of birth is {Date(born)}"));
            if (FieldValidity.IsValidSex(record.Profile.Sex) && record.Profile.Sex != id.Sex)
                violations.Add(new(IdNumberField, $"encodes the sex {id.Sex}, but the record says {record.Profile.Sex}"));
        }
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        return id!;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
