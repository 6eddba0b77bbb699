namespace HealthRecords.Grains.Transfers;

/// <summary>
/// A request to move a record to another owning clinic (R-TR-1..5), as the city records it.
/// <paramref name="DueAt"/> comes from the policy (7 calendar days or 10 working days, R-TR-2);
/// <paramref name="CityAuthority"/> marks an archived record moved without the old owner (R-TR-4).
/// </summary>
public sealed record Transfer(
    string TransferId,
    string RecordNumber,
    string FromInstitution,
    string FromDistrict,
    string ToInstitution,
    string ToDistrict,
    string RequestedByInstitution,
    ConsentMethod Consent,
    TransferReason Reason,
    TransferState State,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? AnsweredAt,
    string? AnsweredByInstitution,
    string? RejectionReason,
    bool CityAuthority)
{
    public bool CrossesDistricts => FromDistrict != ToDistrict;

    /// <summary>The institution that must answer: the other side from the one that asked (R-TR-2).</summary>
    public string AnsweringInstitution => RequestedByInstitution == FromInstitution ? ToInstitution : FromInstitution;
}
