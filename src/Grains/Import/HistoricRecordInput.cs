using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Import;

/// <summary>
/// One of a district's historic records as streamed, before validation: the client's sequence
/// number, the district's own record id, and what an enrollment takes plus its original date.
/// Field names in errors are the proto paths within the record.
/// </summary>
public sealed record HistoricRecordInput(
    long Sequence,
    string HistoricId,
    string InstitutionCode,
    string EnrolledBy,
    string ResidenceCommitteeCode,
    DateOnly? EnrolledOn,
    IdentityInput Identity,
    ResidentProfile Profile)
{
    private const int MaxHistoricIdLength = 64;

    /// <summary>
    /// Checks every field as an enrollment does (R-ID-2, R-ID-4, R-RC-1) and what an import adds:
    /// the historic id and date, and that the owning clinic belongs to the importing district.
    /// </summary>
    public HistoricRecord Validate(string importId, string districtCode, CityTopology topology, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(HistoricId))
            violations.Add(new("historic_id", "is required: the district's own id of the record."));
        else if (HistoricId.Trim().Length > MaxHistoricIdLength)
            violations.Add(new("historic_id", $"must be at most {MaxHistoricIdLength} characters."));
        if (EnrolledOn is not { } on)
            violations.Add(new("enrolled_on", "is required: the date the record was originally enrolled."));
        else if (on > today)
            violations.Add(new("enrolled_on", $"{on:yyyy-MM-dd} is in the future."));
        EnrollResident? enrollment = null;
        try
        {
            enrollment = new EnrollmentInput(HistoricRequestId(importId, Sequence), InstitutionCode, EnrolledBy, ResidenceCommitteeCode, Identity, Profile)
                .Validate(topology, today);
        }
        catch (DomainValidationException e)
        {
            violations.AddRange(e.Violations);
        }
        // A district imports its own records only; the city's other districts import theirs.
        if (enrollment is not null && enrollment.DistrictCode != districtCode)
            violations.Add(new("enrolling_institution_code", $"{enrollment.InstitutionCode} is not an institution of district {districtCode}."));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        return new HistoricRecord(Sequence, HistoricId.Trim(), enrollment!, EnrolledOn!.Value);
    }

    /// <summary>The enrollment request id of an imported record: which import, which item.</summary>
    public static string HistoricRequestId(string importId, long sequence) => $"import:{importId}:{sequence}";
}

/// <summary>A validated historic record: the enrollment it amounts to and its original date.</summary>
public sealed record HistoricRecord(long Sequence, string HistoricId, EnrollResident Enrollment, DateOnly EnrolledOn);
