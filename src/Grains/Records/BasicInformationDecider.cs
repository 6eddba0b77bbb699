using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Records;

/// <summary>
/// R-ID-6 (GD art. 21): name, sex and date of birth change only with the resident's or guardian's
/// consent, recorded, by the owning clinic; e.g. after a merge was blocked by contradictions (R-MG-2).
/// A record keyed by an ID number keeps the birth date and sex the number encodes (R-ID-2).
/// </summary>
public static class BasicInformationDecider
{
    public static IReadOnlyList<RecordEvent> Decide(RecordState record, CorrectBasicInformation command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(command);
        if (record.HasApplied(command.RequestId))
            return [];
        IdentityChangeRules.RequireOwningClinicOfActiveRecord(record, command.InstitutionCode, "corrects the basic information");
        Validate(record, command, CityTime.DateOf(now));

        var profile = record.Profile;
        var name = command.Name?.Trim() is { } n && n != profile.Name ? n : null;
        var sex = command.Sex is { } s && s != profile.Sex ? s : (Sex?)null;
        var born = command.DateOfBirth is { } d && d != profile.DateOfBirth ? d : (DateOnly?)null;
        if (name is null && sex is null && born is null)
            return [];
        return [new BasicInformationCorrected(now, command.InstitutionCode, command.RecordedBy.Trim(), command.RequestId, command.Consent.Trim(),
            name, sex, born,
            name is null ? null : profile.Name, sex is null ? null : profile.Sex, born is null ? null : profile.DateOfBirth)];
    }

    private static void Validate(RecordState record, CorrectBasicInformation command, DateOnly today)
    {
        var violations = new List<FieldViolation>();
        IdentityChangeRules.AddRecordedConsent(violations, command.RecordedBy, command.Consent,
            "is required: name, sex and date of birth are identity fields, corrected only with the resident's or guardian's consent (R-ID-6)");
        if (command.Name is null && command.Sex is null && command.DateOfBirth is null)
            violations.Add(new("name", "is empty and neither sex nor date_of_birth is set: a correction changes at least one identity field"));
        if (command.Name is not null && !FieldValidity.IsValidText(command.Name))
            violations.Add(new("name", "is not a name (blank or a placeholder such as 不详)"));
        if (command.Sex is { } sex && !FieldValidity.IsValidSex(sex))
            violations.Add(new("sex", "must be male or female"));
        if (command.DateOfBirth is { } born && born > today)
            violations.Add(new("date_of_birth", $"{Date(born)} is in the future"));
        else if (command.DateOfBirth is { } early && early < CitizenIdNumber.EarliestBirthDate)
            violations.Add(new("date_of_birth", $"{Date(early)} is before {Date(CitizenIdNumber.EarliestBirthDate)}"));
        // R-ID-2: the ID number encodes the birth date and the sex; a correction cannot contradict the key.
        if (record.Identity.IdNumber is { } id)
        {
            if (command.DateOfBirth is { } given && given != id.BirthDate)
                violations.Add(new("date_of_birth", $"{Date(given)} contradicts the birth date {Date(id.BirthDate)} the record's ID number encodes (R-ID-2)"));
            if (command.Sex is { } s && FieldValidity.IsValidSex(s) && s != id.Sex)
                violations.Add(new("sex", $"{s} contradicts the sex {id.Sex} the record's ID number encodes (R-ID-2)"));
        }
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
