namespace HealthRecords.Storage.District;

/// <summary>The district node's tables: its copy of the index entries its clinics own, its clinics' uploads, the city's events applied, its clinics' transfers and off-site service notices.</summary>
public static class DistrictSchema
{
    public const string Name = "district";

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "district index", """
            CREATE TABLE district_records (
                record_number TEXT PRIMARY KEY,
                identity_kind INTEGER NOT NULL,
                identity_masked TEXT NOT NULL,
                owner_institution TEXT NOT NULL,
                owner_district TEXT NOT NULL,
                status INTEGER NOT NULL,
                version BIGINT NOT NULL,
                residence_committee TEXT NOT NULL,
                enrolling_institution TEXT NOT NULL,
                enrolled_by TEXT NOT NULL,
                enrolled_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            );
            CREATE INDEX district_records_owner ON district_records (owner_institution, record_number);
            """),
        // Service uploads: committed before the clinic is acknowledged, relayed to the city in seq order.
        new(2, "service uploads", """
            CREATE TABLE uploads (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                upload_id TEXT NOT NULL UNIQUE,
                institution_code TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                payload BLOB NOT NULL,
                received_at_ms BIGINT NOT NULL,
                relay_state INTEGER NOT NULL,
                city_ack BLOB NULL
            );
            CREATE INDEX uploads_relay ON uploads (relay_state, seq);
            CREATE INDEX uploads_institution ON uploads (institution_code, seq);
            """, PostgresSql: """
            CREATE TABLE uploads (
                seq BIGSERIAL PRIMARY KEY,
                upload_id TEXT NOT NULL UNIQUE,
                institution_code TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                payload BYTEA NOT NULL,
                received_at_ms BIGINT NOT NULL,
                relay_state INTEGER NOT NULL,
                city_ack BYTEA NULL
            );
            CREATE INDEX uploads_relay ON uploads (relay_state, seq);
            CREATE INDEX uploads_institution ON uploads (institution_code, seq);
            """),
        // R-CN-2: the city's events applied in order; the position advances in the transaction that applies them.
        new(3, "city event feed", FeedTables("BLOB"), PostgresSql: FeedTables("BYTEA")),
        // R-TR-2, R-TR-3: the district's copy of its clinics' transfers, from the city's transfer_changed events.
        new(4, "district transfers", """
            CREATE TABLE district_transfers (
                transfer_id TEXT PRIMARY KEY,
                record_number TEXT NOT NULL,
                from_institution TEXT NOT NULL,
                to_institution TEXT NOT NULL,
                answering_institution TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                state INTEGER NOT NULL,
                requested_at_ms BIGINT NOT NULL,
                due_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                payload TEXT NOT NULL
            );
            -- Listing, newest first: all of the district's, or one clinic's on either side.
            CREATE INDEX district_transfers_requested ON district_transfers (requested_at_ms, transfer_id);
            CREATE INDEX district_transfers_from ON district_transfers (from_institution, requested_at_ms, transfer_id);
            CREATE INDEX district_transfers_to ON district_transfers (to_institution, requested_at_ms, transfer_id);
            -- Inboxes, oldest deadline first: what a clinic must answer, and what it asked for.
            CREATE INDEX district_transfers_answering ON district_transfers (answering_institution, state, due_at_ms, transfer_id);
            CREATE INDEX district_transfers_requested_by ON district_transfers (requested_by, state, due_at_ms, transfer_id);
            """),
        // R-OS-3: the city's notices of the district's residents served by other clinics, until the owning clinic's staff read them.
        new(5, "off-site service notices", """
            CREATE TABLE offsite_notices (
                notice_id TEXT PRIMARY KEY,
                record_number TEXT NOT NULL,
                owner_institution TEXT NOT NULL,
                serving_institution TEXT NOT NULL,
                serving_district TEXT NOT NULL,
                service_date TEXT NOT NULL,
                accepted_at_ms BIGINT NOT NULL,
                received_at_ms BIGINT NOT NULL,
                read_at_ms BIGINT NULL,
                read_by TEXT NULL,
                payload TEXT NOT NULL
            );
            -- A clinic's notices, newest first; its unread ones, oldest first, for the inbox.
            CREATE INDEX offsite_notices_owner ON offsite_notices (owner_institution, received_at_ms, notice_id);
            CREATE INDEX offsite_notices_unread ON offsite_notices (owner_institution, received_at_ms, notice_id) WHERE read_at_ms IS NULL;
            """),
        // R-CN-2: each clinic's counts and digest, per record-number suffix, kept by triggers, for the city's reconciliations.
        new(6, "index digests", Digests.DigestSchema.Sqlite("district_records", "district_index_digests"),
            Digests.DigestSchema.Postgres("district_records", "district_index_digests")),
        // R-AC-5: the hash-chained log of the accesses the district serves itself (same code as the city's).
        new(7, "access audit log", Audit.AuditSchema.NewLog),
        // R-MG-3: a record merged away at the city points at its survivor here too.
        new(8, "merged records", "ALTER TABLE district_records ADD COLUMN merged_into TEXT NULL;"),
    ];

    private static string FeedTables(string bytes) => $"""
        CREATE TABLE feed_position (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_sequence BIGINT NOT NULL
        );
        INSERT INTO feed_position (id, last_sequence) VALUES (1, 0);
        -- What district IT and clinics watch: the city's wire message, by the city's sequence.
        CREATE TABLE district_feed (
            sequence BIGINT PRIMARY KEY,
            kind TEXT NOT NULL,
            occurred_at_ms BIGINT NOT NULL,
            payload {bytes} NOT NULL
        );
        CREATE TABLE district_feed_institutions (
            institution_code TEXT NOT NULL,
            sequence BIGINT NOT NULL,
            PRIMARY KEY (institution_code, sequence)
        );
        -- R-TR-6: copies closed at their former owner by a transfer.
        CREATE TABLE district_closed_copies (
            record_number TEXT NOT NULL,
            institution_code TEXT NOT NULL,
            closed_at_ms BIGINT NOT NULL,
            PRIMARY KEY (record_number, institution_code)
        );
        -- R-CN-1: counts per owner and status read the index alone.
        CREATE INDEX district_records_owner_status ON district_records (owner_district, owner_institution, status);
        """;
}
