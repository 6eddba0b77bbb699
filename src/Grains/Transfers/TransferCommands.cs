using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Transfers;

/// <summary>
/// R-TR-1, R-TR-2: asked by the owner or the prospective clinic (or, for an archived lost or
/// moved-out record, by the city alone: <paramref name="CityAuthority"/>, R-TR-4). The request id is
/// the transfer's id, so a retried request finds the transfer it made.
/// </summary>
public sealed record RequestTransfer(
    string RequestId,
    RecordNumber Number,
    string ToInstitution,
    string ToDistrict,
    string RequestedByInstitution,
    ConsentMethod? Consent,
    TransferReason? Reason,
    bool CityAuthority);

/// <summary>R-TR-2: the other side confirms, or rejects with a cause.</summary>
public sealed record AnswerTransfer(string TransferId, RecordNumber Number, string AnsweringInstitution, bool Confirm, string? RejectionReason);
