namespace HealthRecords.Storage.City;

/// <summary>
/// City migration 16: historic imports (issue 8). One row per import with its counts and the highest
/// sequence committed (where a reconnecting client resumes), and one row per answered item, so a
/// re-sent item gets the answer it got the first time and is never imported twice.
/// </summary>
internal static class HistoricImportSchema
{
    public const string Sql = """
        -- state: 1 in progress, 2 completed (HistoricImportState).
        CREATE TABLE historic_imports (
            import_id TEXT PRIMARY KEY,
            district_code TEXT NOT NULL,
            started_by TEXT NOT NULL,
            state INTEGER NOT NULL,
            last_sequence BIGINT NOT NULL,
            imported BIGINT NOT NULL,
            held BIGINT NOT NULL,
            rejected BIGINT NOT NULL,
            exact_candidates BIGINT NOT NULL,
            probable_candidates BIGINT NOT NULL,
            started_at_ms BIGINT NOT NULL,
            finished_at_ms BIGINT NULL
        );
        CREATE INDEX historic_imports_district ON historic_imports (district_code, started_at_ms, import_id);
        CREATE INDEX historic_imports_started ON historic_imports (started_at_ms, import_id);
        -- outcome: 1 imported, 2 held for review, 3 rejected (ImportItemOutcome). record_number: the new
        -- record, or for a held one the enrolled record it is held beside (held_record_number its own).
        CREATE TABLE historic_import_items (
            import_id TEXT NOT NULL,
            sequence BIGINT NOT NULL,
            historic_id TEXT NOT NULL,
            outcome INTEGER NOT NULL,
            record_number TEXT NULL,
            held_record_number TEXT NULL,
            field TEXT NULL,
            reason TEXT NULL,
            PRIMARY KEY (import_id, sequence)
        );
        """;
}
