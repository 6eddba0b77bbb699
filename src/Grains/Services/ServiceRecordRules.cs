using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Services;

/// <summary>Accepts an uploaded service record (R-RC-1, R-RC-4, R-ST-3, R-ST-5, R-MG-3).</summary>
public static class ServiceRecordRules
{
    public const int MaxUploadIdLength = 64;
    public const int MaxStaffLength = 50;

    /// <summary>No service record predates the health records (and any date before is a typing error).</summary>
    public static readonly DateOnly EarliestServiceDate = new(1900, 1, 1);

    /// <summary>Child follow-ups are for children aged 0-6 (NAT 2(1)).</summary>
    public const int ChildAgeLimitYears = 7;

    /// <summary>
    /// Checks <paramref name="input"/> and returns the record to save.
    /// Throws <see cref="DomainValidationException"/> listing every invalid field, then
    /// <see cref="DomainRuleViolation"/> (subject = record number) for R-MG-3 (merged-away record) and
    /// R-ST-3 (service after the date of death). Archived records (lost, moved out) are accepted:
    /// the service reactivates them (<see cref="Reactivates"/>, R-ST-5). Late uploads are accepted and
    /// flagged, never refused (R-RC-4).
    /// </summary>
    public static ServiceRecord Accept(ServiceRecordInput input, ResidentFacts resident, PolicyProfile policy, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(resident);
        ArgumentNullException.ThrowIfNull(policy);

        var receivedOn = CityTime.DateOf(receivedAt);
        var problems = input.MainProblems ?? [];
        var measurements = input.Measurements ?? new Dictionary<string, string>();

        var violations = new List<FieldViolation>();
        CheckUploadId(input.UploadId, ServiceFieldPaths.UploadId, violations);
        if (!Identity.RecordNumber.TryParse(input.RecordNumber, out var recordNumber, out var recordError))
        {
            violations.Add(new(ServiceFieldPaths.RecordNumber, recordError));
        }

        var kind = (ServiceKind)input.Kind;
        var kindValid = Enum.IsDefined(kind);
        if (!kindValid)
        {
            violations.Add(new(ServiceFieldPaths.Kind, $"must be a service kind 1-11, got {input.Kind}"));
        }

        var dateValid = CheckServiceDate(input.ServiceDate, resident, receivedOn, violations);
        if (kindValid && dateValid)
        {
            CheckKindFitsResident(kind, input.ServiceDate!.Value, resident, violations);
        }

        Required(input.InstitutionCode, ServiceFieldPaths.InstitutionCode, violations);
        if (Required(input.Staff, ServiceFieldPaths.Staff, violations) && input.Staff.Trim().Length > MaxStaffLength)
        {
            violations.Add(new(ServiceFieldPaths.Staff, $"must be at most {MaxStaffLength} characters, got {input.Staff.Trim().Length}"));
        }

        if (input.CostFen < 0)
        {
            violations.Add(new(ServiceFieldPaths.CostFen, $"must not be negative, got {input.CostFen}"));
        }

        ServiceContentChecks.CheckMainProblems(problems, ServiceFieldPaths.MainProblems, violations);
        ServiceContentChecks.CheckMeasurements(measurements, ServiceFieldPaths.Measurements, violations);
        var listed = CheckPrivacy(input, violations);
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        var number = recordNumber!.Value;
        var serviceDate = input.ServiceDate!.Value;
        CheckResidentAcceptsService(resident, serviceDate, number);

        // R-RC-4: calendar days in China Standard Time, so an upload at 00:30 +08:00 counts the new day.
        var daysAfter = receivedOn.DayNumber - serviceDate.DayNumber;
        return new ServiceRecord(
            input.UploadId,
            number,
            kind,
            serviceDate,
            input.InstitutionCode.Trim(),
            input.Staff.Trim(),
            problems.ToArray().AsReadOnly(),
            input.CostFen,
            new Dictionary<string, string>(measurements, StringComparer.Ordinal).AsReadOnly(),
            input.Report,
            Late: daysAfter > policy.EntryDeadlineDays,
            DaysAfterService: daysAfter,
            ReceivedAt: receivedAt,
            // R-OS-5: the owner when served; another clinic's service is off-site and counts for that clinic.
            OwnerInstitution: resident.OwnerInstitution,
            OwnerDistrict: resident.OwnerDistrict,
            Privacy: (PrivacyLevel)input.PrivacyLevel,
            ListedInstitutions: listed);
    }

    /// <summary>R-AC-3: a privacy level the platform knows; listed parties with, and only with, the listed-parties level.</summary>
    private static IReadOnlyList<string>? CheckPrivacy(ServiceRecordInput input, List<FieldViolation> violations)
    {
        var level = (PrivacyLevel)input.PrivacyLevel;
        var listed = (input.ListedInstitutions ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (!Enum.IsDefined(level))
            violations.Add(new("privacy_level", $"must be a privacy level 0-2, got {input.PrivacyLevel}"));
        else if (level == PrivacyLevel.ListedParties && listed.Count == 0)
            violations.Add(new("listed_institution_codes", "must name at least one institution when the privacy level is LISTED_PARTIES"));
        else if (level != PrivacyLevel.ListedParties && listed.Count > 0)
            violations.Add(new("listed_institution_codes", "are only for the privacy level LISTED_PARTIES"));
        return listed.Count > 0 ? listed.AsReadOnly() : null;
    }

    /// <summary>
    /// R-ST-5: a service for a lost-to-follow-up or moved-out record returns it to active.
    /// A deceased record never reactivates (R-ST-3); a merged-away record takes no services (R-MG-3).
    /// </summary>
    public static bool Reactivates(ResidentFacts resident)
    {
        ArgumentNullException.ThrowIfNull(resident);
        return resident.Status is RecordStatus.LostToFollowUp or RecordStatus.MovedOut;
    }

    internal static void CheckUploadId(string? id, string field, List<FieldViolation> violations)
    {
        if (string.IsNullOrEmpty(id))
        {
            violations.Add(new(field, "must not be empty"));
        }
        else if (id.Length > MaxUploadIdLength)
        {
            violations.Add(new(field, $"must be at most {MaxUploadIdLength} characters, got {id.Length}"));
        }
        else if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
        {
            violations.Add(new(field, "must contain only A-Z, a-z, 0-9, '.', '_', ':' and '-'"));
        }
    }

    internal static bool Required(string? value, string field, List<FieldViolation> violations)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        violations.Add(new(field, "must not be empty"));
        return false;
    }

    private static bool CheckServiceDate(DateOnly? date, ResidentFacts resident, DateOnly receivedOn, List<FieldViolation> violations)
    {
        var error = date switch
        {
            null => "must be set",
            { } d when d > receivedOn => $"must not be in the future (received on {receivedOn:yyyy-MM-dd} China time), got {d:yyyy-MM-dd}",
            { } d when d < EarliestServiceDate => $"must not be before {EarliestServiceDate:yyyy-MM-dd}, got {d:yyyy-MM-dd}",
            { } d when d < resident.DateOfBirth => $"must not be before the resident's date of birth, got {d:yyyy-MM-dd}",
            _ => null,
        };
        if (error is not null)
        {
            violations.Add(new(ServiceFieldPaths.ServiceDate, error));
        }

        return error is null;
    }

    // A logic check of facts the platform knows; unknown facts (no birth date, sex unspecified) pass.
    private static void CheckKindFitsResident(ServiceKind kind, DateOnly serviceDate, ResidentFacts resident, List<FieldViolation> violations)
    {
        if (kind == ServiceKind.ChildFollowUp
            && resident.DateOfBirth is { } birth
            && Ages.YearsOn(birth, serviceDate) >= ChildAgeLimitYears)
        {
            violations.Add(new(ServiceFieldPaths.Kind, "a child follow-up is for children aged 0-6 on the service date"));
        }

        if (kind == ServiceKind.MaternalFollowUp && resident.Sex == Sex.Male)
        {
            violations.Add(new(ServiceFieldPaths.Kind, "a maternal follow-up is for a female resident"));
        }
    }

    private static void CheckResidentAcceptsService(ResidentFacts resident, DateOnly serviceDate, string recordNumber)
    {
        if (resident.Status == RecordStatus.Merged)
        {
            // R-MG-3: the merged-away record is retired; services go to the surviving record.
            throw new DomainRuleViolation("R-MG-3", recordNumber, "The record was merged into another record; upload the service to the surviving record.");
        }

        if (resident.DateOfDeath is { } death && serviceDate > death)
        {
            // R-ST-3: updates stop at death; a service up to the date of death still counts (R-CN-3).
            throw new DomainRuleViolation("R-ST-3", recordNumber, $"The service date {serviceDate:yyyy-MM-dd} is after the resident's date of death.");
        }
    }
}
