using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;

namespace HealthRecords.Grains.Quality;

/// <summary>
/// R-CN-4 "logic errors" (AH 1(2) 甄别逻辑错误): dates that cannot be, services outside the resident's
/// life, and an ID number whose encoded birth date or sex contradicts the record.
/// </summary>
public static class LogicChecks
{
    public static IReadOnlyList<QualityFinding> Check(RecordState record, IEnumerable<ServiceRecord> services, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(services);
        var found = new List<QualityFinding>();
        void Add(string field, string detail) =>
            found.Add(new(record.Number.Value, record.OwnerInstitution, QualityFindingKind.LogicError, field, detail));

        var born = record.Profile.DateOfBirth;
        var died = record.Lifecycle.DateOfDeath;
        if (born is { } b && b > today)
            Add("date_of_birth", $"{D(b)} is in the future");
        else if (born is { } early && early < CitizenIdNumber.EarliestBirthDate)
            Add("date_of_birth", $"{D(early)} is before {D(CitizenIdNumber.EarliestBirthDate)}");
        if (born is { } b2 && CityTime.DateOf(record.EnrolledAt) < b2)
            Add("enrolled_at", $"enrolled on {D(CityTime.DateOf(record.EnrolledAt))}, before the date of birth {D(b2)}");
        if (born is { } b3 && died is { } d && d < b3)
            Add("date_of_death", $"{D(d)} is before the date of birth {D(b3)}");
        if (record.Identity.IdNumber is { } id)
        {
            if (born is { } b4 && b4 != id.BirthDate)
                Add("date_of_birth", $"{D(b4)}, but the ID number encodes {D(id.BirthDate)}");
            if (FieldValidity.IsValidSex(record.Profile.Sex) && record.Profile.Sex != id.Sex)
                Add("sex", $"{record.Profile.Sex}, but the ID number encodes {id.Sex}");
        }
        foreach (var s in services)
        {
            if (s.ServiceDate > today)
                Add(s.UploadId, $"service date {D(s.ServiceDate)} is in the future");
            if (born is { } b5 && s.ServiceDate < b5)
                Add(s.UploadId, $"service on {D(s.ServiceDate)} before the date of birth {D(b5)}");
            if (died is { } d2 && s.ServiceDate > d2)
                Add(s.UploadId, $"service on {D(s.ServiceDate)} after the date of death {D(d2)}");
        }
        return found;
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
