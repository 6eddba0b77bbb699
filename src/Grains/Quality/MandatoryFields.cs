using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Quality;

/// <summary>
/// R-CN-4 "missing mandatory fields" against R-RC-1: the cover (CQ-A1 1(3), SZ art. 6) and the
/// identity fields of the basic information. A placeholder ("不详") counts as missing (R-MG-2's validity).
/// The township and committee names are not checked: they come from the record number's committee code.
/// </summary>
public static class MandatoryFields
{
    public static IReadOnlyList<QualityFinding> Check(RecordState record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var p = record.Profile;
        var present = new (string Field, bool Valid)[]
        {
            ("name", FieldValidity.IsValidText(p.Name)),
            ("sex", FieldValidity.IsValidSex(p.Sex)),
            ("date_of_birth", p.DateOfBirth is not null),
            ("phone", FieldValidity.IsValidPhone(p.Phone)),
            ("current_address", FieldValidity.IsValidText(p.CurrentAddress)),
            ("registered_address", FieldValidity.IsValidText(p.RegisteredAddress)),
            ("responsible_doctor", FieldValidity.IsValidText(p.ResponsibleDoctor)),
            ("enrolling_institution", FieldValidity.IsValidText(record.EnrollingInstitution)),
            ("enrolled_by", FieldValidity.IsValidText(record.EnrolledBy)),
        };
        return [.. present.Where(f => !f.Valid).Select(f => new QualityFinding(record.Number.Value, record.OwnerInstitution,
            QualityFindingKind.MissingField, f.Field, "is missing or not real information (R-RC-1)"))];
    }
}
