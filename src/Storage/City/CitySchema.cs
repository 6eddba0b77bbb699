namespace HealthRecords.Storage.City;

/// <summary>The city node's tables: the master index (one row per resident), each record's event journal, service timelines and their corrections, district event logs, transfers.</summary>
public static class CitySchema
{
    public const string Name = "city";

    /// <summary>The columns of <c>records</c>, in the order bulk loaders write them.</summary>
    public const string RecordColumns =
        "record_number, identity_key, owner_institution, owner_district, status, version, enrolling_institution, " +
        "enrolled_by, enrolled_at_ms, updated_at_ms, enroll_request_id, applied_request_ids, profile";

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "master index", """
            CREATE TABLE records (
                record_number TEXT PRIMARY KEY,
                identity_key TEXT NOT NULL,
                owner_institution TEXT NOT NULL,
                owner_district TEXT NOT NULL,
                status INTEGER NOT NULL,
                version BIGINT NOT NULL,
                enrolling_institution TEXT NOT NULL,
                enrolled_by TEXT NOT NULL,
                enrolled_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                enroll_request_id TEXT NOT NULL,
                applied_request_ids TEXT NOT NULL,
                profile TEXT NOT NULL
            );
            -- R-ID-1: one record per identity, decided by the database across all city processes.
            CREATE UNIQUE INDEX records_identity_key ON records (identity_key);
            CREATE INDEX records_owner ON records (owner_district, owner_institution, record_number);
            CREATE TABLE record_events (
                record_number TEXT NOT NULL,
                version BIGINT NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                occurred_at_ms BIGINT NOT NULL,
                PRIMARY KEY (record_number, version)
            );
            -- R-ID-4: the last serial handed out per committee; serials are never reused.
            CREATE TABLE committee_serials (
                committee_code TEXT PRIMARY KEY,
                last_serial INTEGER NOT NULL
            );
            """),
        // R-RC-1: each resident's service timeline. Rejections are kept so that a repeat gets the same answer.
        new(2, "service records", """
            ALTER TABLE records ADD COLUMN last_service_date TEXT NULL;
            CREATE TABLE service_records (
                upload_id TEXT PRIMARY KEY,
                record_number TEXT NOT NULL,
                institution_code TEXT NOT NULL,
                district_code TEXT NOT NULL,
                service_date TEXT NOT NULL,
                late INTEGER NOT NULL,
                fingerprint TEXT NOT NULL,
                payload TEXT NOT NULL,
                received_at_ms BIGINT NOT NULL
            );
            CREATE INDEX service_records_record ON service_records (record_number, service_date);
            CREATE INDEX service_records_institution ON service_records (institution_code);
            CREATE TABLE upload_rejections (
                upload_id TEXT PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                code TEXT NOT NULL,
                reason TEXT NOT NULL,
                at_ms BIGINT NOT NULL
            );
            """),
        // R-RC-3: correction requests and their decisions; the versions of corrected service records.
        // service_records.payload stays the current version; version 1 is copied here at the first approval.
        new(3, "service corrections", """
            CREATE TABLE service_corrections (
                correction_id TEXT PRIMARY KEY,
                upload_id TEXT NOT NULL,
                record_number TEXT NOT NULL,
                institution_code TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                reason TEXT NOT NULL,
                evidence TEXT NOT NULL,
                changes TEXT NOT NULL,
                state BIGINT NOT NULL,
                requested_at_ms BIGINT NOT NULL,
                decided_by TEXT NULL,
                decided_at_ms BIGINT NULL,
                decision_reason TEXT NULL
            );
            CREATE INDEX service_corrections_institution ON service_corrections (institution_code, correction_id);
            CREATE INDEX service_corrections_upload ON service_corrections (upload_id);
            CREATE TABLE service_record_versions (
                upload_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                payload TEXT NOT NULL,
                valid_from_ms BIGINT NOT NULL,
                correction_id TEXT NULL,
                approved_by TEXT NULL,
                PRIMARY KEY (upload_id, version)
            );
            """),
        // R-CN-2: each district's ordered event log; the head row hands out gapless sequence numbers.
        new(4, "district event logs", """
            CREATE TABLE district_events (
                district_code TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                occurred_at_ms BIGINT NOT NULL,
                PRIMARY KEY (district_code, sequence)
            );
            CREATE TABLE district_event_heads (
                district_code TEXT PRIMARY KEY,
                last_sequence BIGINT NOT NULL
            );
            -- R-CN-1: counts per owner and status read the index alone.
            CREATE INDEX records_owner_status ON records (owner_district, owner_institution, status);
            """),
        // R-ST-7, R-TR-2..5: the record's lifecycle (status date and reason, pending transfer, last
        // cross-district move; NULL = never changed) and every transfer, written with the record's events.
        new(5, "transfers and lifecycle", """
            ALTER TABLE records ADD COLUMN lifecycle TEXT NULL;
            CREATE TABLE transfers (
                transfer_id TEXT PRIMARY KEY,
                record_number TEXT NOT NULL,
                from_institution TEXT NOT NULL,
                from_district TEXT NOT NULL,
                to_institution TEXT NOT NULL,
                to_district TEXT NOT NULL,
                answering_institution TEXT NOT NULL,
                city_authority INTEGER NOT NULL,
                state INTEGER NOT NULL,
                requested_at_ms BIGINT NOT NULL,
                due_at_ms BIGINT NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX transfers_due ON transfers (state, due_at_ms);
            CREATE INDEX transfers_from ON transfers (from_institution, requested_at_ms);
            CREATE INDEX transfers_to ON transfers (to_institution, requested_at_ms);
            CREATE INDEX transfers_from_district ON transfers (from_district, requested_at_ms);
            CREATE INDEX transfers_to_district ON transfers (to_district, requested_at_ms);
            CREATE INDEX transfers_answering ON transfers (answering_institution, state);
            """),
        // Idempotency beyond the last 16 request ids a record remembers: the journal knows every request it applied.
        new(6, "request ids in the journal", """
            ALTER TABLE record_events ADD COLUMN request_id TEXT NULL;
            CREATE INDEX record_events_request ON record_events (record_number, request_id);
            """),
        // R-OS-5: an off-site service counts for the serving clinic; the owner when served is kept for
        // the owning side's report. Existing services were all uploaded before off-site was marked.
        new(7, "off-site services and the access audit log", OffsiteAndAudit("INTEGER PRIMARY KEY AUTOINCREMENT"), OffsiteAndAudit("BIGSERIAL PRIMARY KEY")),
        // R-CN-2: each clinic's counts and digest, per record-number suffix, kept by triggers.
        new(8, "index digests", Digests.DigestSchema.Sqlite("records", "index_digests"), Digests.DigestSchema.Postgres("records", "index_digests")),
        // R-CN-2: reconciliation runs and their findings, kept for history; the repairs made from them.
        new(9, "reconciliations and index repairs", """
            CREATE TABLE reconciliation_runs (
                run_id TEXT PRIMARY KEY,
                request_id TEXT NULL UNIQUE,
                trigger_kind INTEGER NOT NULL,
                requested_by TEXT NOT NULL,
                started_at_ms BIGINT NOT NULL,
                finished_at_ms BIGINT NOT NULL,
                outcome INTEGER NOT NULL,
                finding_count BIGINT NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX reconciliation_runs_started ON reconciliation_runs (started_at_ms, run_id);
            CREATE TABLE reconciliation_findings (
                run_id TEXT NOT NULL,
                district_code TEXT NOT NULL,
                record_number TEXT NOT NULL,
                kind INTEGER NOT NULL,
                payload TEXT NOT NULL,
                repair_id TEXT NULL,
                PRIMARY KEY (run_id, district_code, record_number)
            );
            CREATE TABLE index_repairs (
                repair_id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL,
                district_code TEXT NOT NULL,
                record_number TEXT NOT NULL,
                request_id TEXT NOT NULL,
                repaired_at_ms BIGINT NOT NULL,
                district_sequence BIGINT NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE (run_id, district_code, record_number)
            );
            CREATE INDEX index_repairs_repaired ON index_repairs (repaired_at_ms, repair_id);
            """),
        // R-AC-5: every access audited in a hash chain (user, role, outcome), appends serialised on a head row.
        new(10, "access audit hash chain", Audit.AuditSchema.ChainExistingLog),
        // R-AC-6: identity numbers at rest as a keyed hash (lookup, R-ID-1 uniqueness) and an AES-GCM
        // ciphertext (display). identity_key is the plaintext of rows written before this step: the
        // start-up conversion (IdentityConversion) protects each such row and empties it. Its unique index
        // goes now, since protected rows all hold ''; the node serves only after the conversion.
        new(11, "identity numbers encrypted at rest", """
            ALTER TABLE records ADD COLUMN identity_hash TEXT NULL;
            ALTER TABLE records ADD COLUMN identity_cipher TEXT NULL;
            DROP INDEX records_identity_key;
            CREATE UNIQUE INDEX records_identity_hash ON records (identity_hash);
            """),
        // R-AC-4: research export requests, decisions and the de-identified rows of approved ones.
        new(12, "research exports", ResearchExportStore.Sql),
        // R-AC-2: resident codes and the grants they (or a declared emergency) give.
        new(13, "resident authorizations and access grants", RecordAccessGrants.Sql),
        // R-ID-1, R-MG-1..3, R-ID-3: the duplicate review queue and the merges it confirmed.
        new(14, "duplicate review queue and record merges", DuplicateSchema.Sql),
        // R-CN-4: the last data-quality report of each scope.
        new(15, "data-quality reports", QualitySchema.Sql),
        // Issue 8, R-ID-1: resumable bulk imports of a district's historic records and each item's answer.
        new(16, "historic imports", HistoricImportSchema.Sql),
    ];

    // The dialects differ only in how the audit log numbers its entries.
    private static string OffsiteAndAudit(string auditIdColumn) => $"""
        ALTER TABLE service_records ADD COLUMN offsite INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE service_records ADD COLUMN owner_institution TEXT NULL;
        ALTER TABLE service_records ADD COLUMN owner_district TEXT NULL;
        CREATE INDEX service_records_offsite ON service_records (service_date) WHERE offsite = 1;
        CREATE TABLE access_audit (
            audit_id {auditIdColumn},
            at_ms BIGINT NOT NULL,
            caller_district TEXT NOT NULL,
            institution_code TEXT NOT NULL,
            staff TEXT NOT NULL,
            action TEXT NOT NULL,
            record_number TEXT NULL,
            purpose TEXT NOT NULL,
            allowed INTEGER NOT NULL,
            basis TEXT NOT NULL,
            authorization_method INTEGER NULL,
            authorization_evidence TEXT NULL
        );
        CREATE INDEX access_audit_record ON access_audit (record_number, audit_id);
        CREATE INDEX access_audit_institution ON access_audit (institution_code, audit_id);
        """;
}
