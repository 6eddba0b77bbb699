using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Research;

/// <summary>One record in an export's scope, as the city holds it: the input of de-identification, never exported as is.</summary>
public sealed record ResearchSubject(
    string RecordNumber, DateOnly? DateOfBirth, Sex Sex, string DistrictCode, RecordStatus Status, IReadOnlyDictionary<ServiceKind, long> ServiceCounts);

/// <summary>
/// One exported row (R-AC-4): no direct identifier — a pseudonym instead of the record number, the
/// birth year instead of the date, the district instead of the address and clinic.
/// </summary>
public sealed record DeidentifiedRow(
    string Pseudonym, int? BirthYear, Sex Sex, string DistrictCode, RecordStatus Status, IReadOnlyDictionary<ServiceKind, long> ServiceCounts)
{
    public long ServiceCount => ServiceCounts.Values.Sum();

    /// <summary>The quasi-identifiers whose combination must be shared by enough rows.</summary>
    public (int? BirthYear, Sex Sex, string DistrictCode) QuasiIdentifiers => (BirthYear, Sex, DistrictCode);
}
