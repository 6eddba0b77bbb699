using System.Text.Json.Serialization;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Offsite;

namespace HealthRecords.Grains.Services;

/// <summary>
/// A saved service record (R-RC-1). Immutable once saved (R-RC-3): a change is a new
/// <see cref="ServiceRecordVersion"/> made by <see cref="CorrectionRules.Approve"/>.
/// <paramref name="Late"/> and <paramref name="DaysAfterService"/> are set by the platform (R-RC-4).
/// Equality compares the contents of <paramref name="MainProblems"/> and <paramref name="Measurements"/>,
/// so the same upload sent twice is recognised as identical.
/// <paramref name="OwnerInstitution"/> and <paramref name="OwnerDistrict"/> are the record's owner when
/// the city accepted the service (unknown in payloads stored before off-site services were marked).
/// </summary>
public sealed record ServiceRecord(
    string UploadId,
    string RecordNumber,
    ServiceKind Kind,
    DateOnly ServiceDate,
    string InstitutionCode,
    string Staff,
    IReadOnlyList<string> MainProblems,
    long CostFen,
    IReadOnlyDictionary<string, string> Measurements,
    string? Report,
    bool Late,
    int DaysAfterService,
    DateTimeOffset ReceivedAt,
    string? OwnerInstitution = null,
    string? OwnerDistrict = null,
    PrivacyLevel Privacy = PrivacyLevel.Open,
    IReadOnlyList<string>? ListedInstitutions = null)
{
    /// <summary>R-AC-3: how this service is protected — its privacy level, and severe mental disorder information always.</summary>
    [JsonIgnore]
    public InformationPrivacy Protection => new(Privacy, ListedInstitutions ?? [], OffsiteSummary.IsRestricted(Kind));

    /// <summary>R-OS-5: served by a clinic other than the owner; counted for the serving clinic.</summary>
    [JsonIgnore]
    public bool Offsite => OwnerInstitution is not null && !string.Equals(OwnerInstitution, InstitutionCode, StringComparison.Ordinal);

    public bool Equals(ServiceRecord? other) =>
        other is not null
        && string.Equals(UploadId, other.UploadId, StringComparison.Ordinal)
        && string.Equals(RecordNumber, other.RecordNumber, StringComparison.Ordinal)
        && Kind == other.Kind
        && ServiceDate == other.ServiceDate
        && string.Equals(InstitutionCode, other.InstitutionCode, StringComparison.Ordinal)
        && string.Equals(Staff, other.Staff, StringComparison.Ordinal)
        && ContentEquality.SameList(MainProblems, other.MainProblems)
        && CostFen == other.CostFen
        && ContentEquality.SameMap(Measurements, other.Measurements)
        && string.Equals(Report, other.Report, StringComparison.Ordinal)
        && Late == other.Late
        && DaysAfterService == other.DaysAfterService
        && ReceivedAt == other.ReceivedAt
        && string.Equals(OwnerInstitution, other.OwnerInstitution, StringComparison.Ordinal)
        && string.Equals(OwnerDistrict, other.OwnerDistrict, StringComparison.Ordinal)
        && Privacy == other.Privacy
        && ContentEquality.SameList(ListedInstitutions ?? [], other.ListedInstitutions ?? []);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(UploadId, StringComparer.Ordinal);
        hash.Add(RecordNumber, StringComparer.Ordinal);
        hash.Add(Kind);
        hash.Add(ServiceDate);
        hash.Add(InstitutionCode, StringComparer.Ordinal);
        hash.Add(Staff, StringComparer.Ordinal);
        hash.Add(ContentEquality.ListHash(MainProblems));
        hash.Add(CostFen);
        hash.Add(ContentEquality.MapHash(Measurements));
        hash.Add(Report, StringComparer.Ordinal);
        hash.Add(Late);
        hash.Add(DaysAfterService);
        hash.Add(ReceivedAt);
        hash.Add(OwnerInstitution, StringComparer.Ordinal);
        hash.Add(OwnerDistrict, StringComparer.Ordinal);
        hash.Add(Privacy);
        return hash.ToHashCode();
    }
}
