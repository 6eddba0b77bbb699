namespace HealthRecords.Grains.Access;

/// <summary>
/// A time-limited permission of one user of one institution to read one record: the resident's
/// authorization (one-time code) or an emergency access (R-AC-2).
/// </summary>
public sealed record AccessGrant(
    string GrantId,
    AccessBasis Basis,
    string RecordNumber,
    string Institution,
    string User,
    string Reason,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt)
{
    public bool Covers(Principal principal, string recordNumber, DateTimeOffset now) =>
        RecordNumber == recordNumber && Institution == principal.Institution && User == principal.User && now < ExpiresAt;
}
