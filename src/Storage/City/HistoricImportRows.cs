using HealthRecords.Grains.Import;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>A record an import batch inserts: its row, whether it is held for review, and its enrollment event.</summary>
internal sealed record ImportedRecord(RecordState State, RecordRow Row, bool Held, ResidentEnrolled Enrolled, string JournalPayload)
{
    public static ImportedRecord Of(ResidentEnrolled enrolled, bool held, IdentityProtector protector)
    {
        var state = RecordState.Create(enrolled);
        // R-AC-6: the row and the journal carry the identity as hash and ciphertext only.
        return new(state, RecordRow.From(state, protector), held, enrolled, JournalPayloads.Serialize(enrolled, state.Number.Value, protector));
    }
}

/// <summary>The set-at-once statements of an import batch (<see cref="BatchStatement{TRow}"/>: per row on SQLite, arrays on PostgreSQL).</summary>
internal static class HistoricImportRows
{
    public static readonly BatchStatement<ImportedRecord> Records = BatchStatement<ImportedRecord>.InsertIgnoringExisting("records", "record_number",
        new("record_number", BatchType.Text, r => r.Row.RecordNumber),
        new("identity_key", BatchType.Text, r => r.Row.IdentityKey),
        new("owner_institution", BatchType.Text, r => r.Row.OwnerInstitution),
        new("owner_district", BatchType.Text, r => r.Row.OwnerDistrict),
        new("status", BatchType.Integer, r => r.Row.Status),
        new("version", BatchType.BigInt, r => r.Row.Version),
        new("enrolling_institution", BatchType.Text, r => r.Row.EnrollingInstitution),
        new("enrolled_by", BatchType.Text, r => r.Row.EnrolledBy),
        new("enrolled_at_ms", BatchType.BigInt, r => r.Row.EnrolledAtMs),
        new("updated_at_ms", BatchType.BigInt, r => r.Row.UpdatedAtMs),
        new("enroll_request_id", BatchType.Text, r => r.Row.EnrollRequestId),
        new("applied_request_ids", BatchType.Text, r => r.Row.AppliedRequestIds),
        new("profile", BatchType.Text, r => r.Row.Profile),
        new("lifecycle", BatchType.Text, r => r.Row.Lifecycle),
        new("identity_hash", BatchType.Text, r => r.Row.IdentityHash),
        new("identity_cipher", BatchType.Text, r => r.Row.IdentityCipher),
        new("duplicate_block", BatchType.Text, r => r.Row.DuplicateBlock),
        new("held_for_review", BatchType.Integer, r => r.Held ? 1 : 0));

    public static readonly BatchStatement<ImportedRecord> Journal = BatchStatement<ImportedRecord>.InsertIgnoringExisting("record_events", "record_number, version",
        new("record_number", BatchType.Text, r => r.Row.RecordNumber),
        new("version", BatchType.BigInt, _ => 1L),
        new("event_type", BatchType.Text, _ => nameof(ResidentEnrolled)),
        new("payload", BatchType.Text, r => r.JournalPayload),
        new("occurred_at_ms", BatchType.BigInt, r => r.Enrolled.OccurredAt.ToUnixTimeMilliseconds()),
        new("request_id", BatchType.Text, r => r.Enrolled.RequestId));

    public static readonly BatchStatement<(string ImportId, HistoricImportItem Item)> Items =
        BatchStatement<(string ImportId, HistoricImportItem Item)>.InsertIgnoringExisting("historic_import_items", "import_id, sequence",
            new("import_id", BatchType.Text, r => r.ImportId),
            new("sequence", BatchType.BigInt, r => r.Item.Sequence),
            new("historic_id", BatchType.Text, r => r.Item.HistoricId),
            new("outcome", BatchType.Integer, r => (int)r.Item.Outcome),
            new("record_number", BatchType.Text, r => r.Item.RecordNumber),
            new("held_record_number", BatchType.Text, r => r.Item.HeldRecordNumber),
            new("field", BatchType.Text, r => r.Item.Field),
            new("reason", BatchType.Text, r => r.Item.Reason));
}

/// <summary>A <c>historic_imports</c> row.</summary>
internal sealed class HistoricImportRow
{
    public const string Columns = "import_id, district_code, started_by, state, last_sequence, imported, held, rejected, " +
        "exact_candidates, probable_candidates, started_at_ms, finished_at_ms";

    public string ImportId { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public string StartedBy { get; set; } = "";
    public long State { get; set; }
    public long LastSequence { get; set; }
    public long Imported { get; set; }
    public long Held { get; set; }
    public long Rejected { get; set; }
    public long ExactCandidates { get; set; }
    public long ProbableCandidates { get; set; }
    public long StartedAtMs { get; set; }
    public long? FinishedAtMs { get; set; }

    public HistoricImport ToDomain() => new(ImportId, DistrictCode, StartedBy, (HistoricImportState)State, LastSequence,
        new ImportCounts(Imported, Held, Rejected, ExactCandidates, ProbableCandidates),
        DateTimeOffset.FromUnixTimeMilliseconds(StartedAtMs),
        FinishedAtMs is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null);
}

/// <summary>A <c>historic_import_items</c> row.</summary>
internal sealed class HistoricImportItemRow
{
    public const string Columns = "sequence, historic_id, outcome, record_number, held_record_number, field, reason";

    public long Sequence { get; set; }
    public string HistoricId { get; set; } = "";
    public long Outcome { get; set; }
    public string? RecordNumber { get; set; }
    public string? HeldRecordNumber { get; set; }
    public string? Field { get; set; }
    public string? Reason { get; set; }

    public HistoricImportItem ToDomain() =>
        new(Sequence, HistoricId, (ImportItemOutcome)Outcome, RecordNumber, Field, Reason) { HeldRecordNumber = HeldRecordNumber };
}
