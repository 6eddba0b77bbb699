using System.Text.Json;
using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>The <c>service_corrections</c> table's row, and its mapping to and from a stored correction.</summary>
internal sealed class CorrectionRow
{
    public const string Columns =
        "correction_id, upload_id, record_number, institution_code, requested_by, reason, evidence, changes, " +
        "state, requested_at_ms, decided_by, decided_at_ms, decision_reason";

    public string CorrectionId { get; set; } = "";
    public string UploadId { get; set; } = "";
    public string RecordNumber { get; set; } = "";
    public string InstitutionCode { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string Changes { get; set; } = "{}";
    public long State { get; set; }
    public long RequestedAtMs { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAtMs { get; set; }
    public string? DecisionReason { get; set; }

    public static CorrectionRow Pending(CorrectionRequest r, string recordNumber) => new()
    {
        CorrectionId = r.CorrectionId,
        UploadId = r.UploadId,
        RecordNumber = recordNumber,
        InstitutionCode = r.InstitutionCode,
        RequestedBy = r.RequestedBy,
        Reason = r.Reason,
        Evidence = r.Evidence,
        Changes = JsonSerializer.Serialize(new CorrectionChanges(r.ChangedMeasurements, r.ChangedMainProblems), StorageJson.Options),
        State = (long)CorrectionState.Pending,
        RequestedAtMs = r.RequestedAt.ToUnixTimeMilliseconds(),
    };

    public StoredCorrection ToDomain()
    {
        var changes = JsonSerializer.Deserialize<CorrectionChanges>(Changes, StorageJson.Options)!;
        var request = new CorrectionRequest(CorrectionId, UploadId, RequestedBy, InstitutionCode, Reason, Evidence,
            changes.Measurements, changes.MainProblems, DateTimeOffset.FromUnixTimeMilliseconds(RequestedAtMs));
        return new StoredCorrection(request, RecordNumber, (CorrectionState)State, DecidedBy,
            DecidedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, DecisionReason);
    }

    // What the correction changes, as one JSON document: main problems null = unchanged.
    private sealed record CorrectionChanges(IReadOnlyDictionary<string, string> Measurements, IReadOnlyList<string>? MainProblems);
}
