using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>
/// The master index entry as other tiers see it: owner and status, no health data, the identity
/// number masked. Districts keep copies of these for their clinics' records.
/// </summary>
public sealed record IndexEntry(
    string RecordNumber,
    IdentityKind IdentityKind,
    string IdentityMasked,
    string OwnerInstitution,
    string OwnerDistrict,
    RecordStatus Status,
    long Version,
    string ResidenceCommittee,
    string EnrollingInstitution,
    string EnrolledBy,
    DateTimeOffset EnrolledAt,
    DateTimeOffset UpdatedAt,
    string? MergedInto = null)
{
    /// <remarks>R-MG-3: a merged-away record points at its survivor on both tiers.</remarks>
    public static IndexEntry Of(RecordState s) => new(
        s.Number.Value, s.Identity.Kind, s.Identity.Display, s.OwnerInstitution, s.OwnerDistrict, s.Status, s.Version,
        s.Number.Committee.Value, s.EnrollingInstitution, s.EnrolledBy, s.EnrolledAt, s.UpdatedAt, s.Lifecycle.MergedInto);
}
