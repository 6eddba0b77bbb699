namespace HealthRecords.Storage.Audit;

/// <summary>
/// R-AC-5: the tables of the hash-chained access audit log, shared by the city (migration 10, which
/// extends the off-site lookups' log of migration 7) and the districts (migration 7). The head row
/// holds the last entry's id and hash; every append locks it, so appends are linear.
/// </summary>
public static class AuditSchema
{
    private static readonly string Head = $"""
        CREATE TABLE access_audit_head (
            head_id INTEGER PRIMARY KEY,
            last_audit_id BIGINT NOT NULL,
            last_hash TEXT NOT NULL,
            legacy_through BIGINT NOT NULL
        );
        -- Entries up to legacy_through were written before the chain; the node chains them once at start-up.
        INSERT INTO access_audit_head (head_id, last_audit_id, last_hash, legacy_through)
            SELECT 1, 0, '{AuditChain.Genesis}', COALESCE(MAX(audit_id), 0) FROM access_audit;
        CREATE INDEX access_audit_user ON access_audit (user_id, audit_id);
        """;

    /// <summary>City migration 10: the chain's columns added to the existing log.</summary>
    public static readonly string ChainExistingLog = """
        ALTER TABLE access_audit ADD COLUMN user_id TEXT NULL;
        ALTER TABLE access_audit ADD COLUMN role TEXT NULL;
        ALTER TABLE access_audit ADD COLUMN outcome_code INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE access_audit ADD COLUMN outcome_reason TEXT NULL;
        ALTER TABLE access_audit ADD COLUMN prev_hash TEXT NULL;
        ALTER TABLE access_audit ADD COLUMN entry_hash TEXT NULL;
        """ + Head;

    /// <summary>District migration 7: the same log, new.</summary>
    public static readonly string NewLog = """
        CREATE TABLE access_audit (
            audit_id BIGINT PRIMARY KEY,
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
            authorization_evidence TEXT NULL,
            user_id TEXT NULL,
            role TEXT NULL,
            outcome_code INTEGER NOT NULL DEFAULT 0,
            outcome_reason TEXT NULL,
            prev_hash TEXT NULL,
            entry_hash TEXT NULL
        );
        CREATE INDEX access_audit_record ON access_audit (record_number, audit_id);
        CREATE INDEX access_audit_institution ON access_audit (institution_code, audit_id);
        """ + Head;
}
