using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.District;

/// <summary>The <c>district_records</c> table's row: the city's index entry as the district keeps it.</summary>
internal sealed class DistrictRecordRow
{
    public const string Columns =
        "record_number, identity_kind, identity_masked, owner_institution, owner_district, status, version, " +
        "residence_committee, enrolling_institution, enrolled_by, enrolled_at_ms, updated_at_ms, merged_into";

    public const string Parameters =
        "@RecordNumber, @IdentityKind, @IdentityMasked, @OwnerInstitution, @OwnerDistrict, @Status, @Version, " +
        "@ResidenceCommittee, @EnrollingInstitution, @EnrolledBy, @EnrolledAtMs, @UpdatedAtMs, @MergedInto";

    public string RecordNumber { get; set; } = "";
    public long IdentityKind { get; set; }
    public string IdentityMasked { get; set; } = "";
    public string OwnerInstitution { get; set; } = "";
    public string OwnerDistrict { get; set; } = "";
    public long Status { get; set; }
    public long Version { get; set; }
    public string ResidenceCommittee { get; set; } = "";
    public string EnrollingInstitution { get; set; } = "";
    public string EnrolledBy { get; set; } = "";
    public long EnrolledAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
    // R-MG-3: the survivor of a merged-away record (district migration 8).
    public string? MergedInto { get; set; }

    public IndexEntry ToEntry() => new(RecordNumber, (IdentityKind)IdentityKind, IdentityMasked, OwnerInstitution,
        OwnerDistrict, (RecordStatus)Status, Version, ResidenceCommittee, EnrollingInstitution, EnrolledBy,
        DateTimeOffset.FromUnixTimeMilliseconds(EnrolledAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs), MergedInto);

    public static DistrictRecordRow From(IndexEntry e) => new()
    {
        RecordNumber = e.RecordNumber, IdentityKind = (long)e.IdentityKind, IdentityMasked = e.IdentityMasked,
        OwnerInstitution = e.OwnerInstitution, OwnerDistrict = e.OwnerDistrict, Status = (long)e.Status,
        Version = e.Version, ResidenceCommittee = e.ResidenceCommittee, EnrollingInstitution = e.EnrollingInstitution,
        EnrolledBy = e.EnrolledBy, EnrolledAtMs = e.EnrolledAt.ToUnixTimeMilliseconds(),
        UpdatedAtMs = e.UpdatedAt.ToUnixTimeMilliseconds(),
        MergedInto = e.MergedInto,
    };
}
