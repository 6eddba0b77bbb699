namespace HealthRecords.Storage.City;

/// <summary>City migration 14: the duplicate review queue, the merges it confirmed, and what a merge changes in <c>records</c>.</summary>
internal static class DuplicateSchema
{
    /// <summary><see cref="Grains.Records.RecordStatus.Merged"/> as stored.</summary>
    public const int MergedStatus = 5;

    public const string Sql = """
        -- R-ID-1 with R-MG-3: a merged-away record keeps its own identity (look-ups by it land on the
        -- survivor), and an imported record whose identity is already enrolled is held for review beside
        -- the enrolled one (held_for_review = 1). Neither takes the identity's uniqueness from the live record.
        ALTER TABLE records ADD COLUMN held_for_review INTEGER NOT NULL DEFAULT 0;
        DROP INDEX records_identity_hash;
        CREATE UNIQUE INDEX records_identity_hash ON records (identity_hash) WHERE status <> 5 AND held_for_review = 0;
        CREATE INDEX records_identity_hash_all ON records (identity_hash);
        -- R-ID-1: the block duplicate detection compares within (DuplicateBlocks: a hash of folded name + date of birth).
        ALTER TABLE records ADD COLUMN duplicate_block TEXT NULL;
        CREATE INDEX records_duplicate_block ON records (duplicate_block);
        -- R-MG-3: a service moved to the survivor remembers the record it was uploaded under.
        ALTER TABLE service_records ADD COLUMN merged_from_record TEXT NULL;
        -- One row per unordered pair (first_number < second_number): the fold of its events.
        -- status: 1 proposed, 2 merged, 3 dismissed (DuplicateReviewStatus); likelihood and evidence as DuplicateMatch.
        CREATE TABLE duplicate_reviews (
            pair_key TEXT PRIMARY KEY,
            first_number TEXT NOT NULL,
            second_number TEXT NOT NULL,
            status INTEGER NOT NULL,
            likelihood INTEGER NOT NULL,
            evidence INTEGER NOT NULL,
            source TEXT NOT NULL,
            proposed_at_ms BIGINT NOT NULL,
            conflicts TEXT NULL,
            decided_by TEXT NULL,
            decided_at_ms BIGINT NULL,
            reason TEXT NULL,
            survivor_number TEXT NULL,
            version BIGINT NOT NULL
        );
        CREATE INDEX duplicate_reviews_status ON duplicate_reviews (status, proposed_at_ms, pair_key);
        CREATE INDEX duplicate_reviews_first ON duplicate_reviews (first_number, status);
        CREATE INDEX duplicate_reviews_second ON duplicate_reviews (second_number, status);
        CREATE TABLE duplicate_review_events (
            pair_key TEXT NOT NULL,
            version BIGINT NOT NULL,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            occurred_at_ms BIGINT NOT NULL,
            PRIMARY KEY (pair_key, version)
        );
        -- R-MG-1..3: each merge, inspectable afterwards: which record survived and where each field came from.
        CREATE TABLE record_merges (
            merge_id TEXT PRIMARY KEY,
            pair_key TEXT NOT NULL UNIQUE,
            survivor_number TEXT NOT NULL,
            merged_away_number TEXT NOT NULL UNIQUE,
            request_id TEXT NOT NULL,
            confirmed_by TEXT NOT NULL,
            merged_at_ms BIGINT NOT NULL,
            plan TEXT NOT NULL
        );
        CREATE INDEX record_merges_survivor ON record_merges (survivor_number, merged_at_ms);
        CREATE INDEX record_merges_at ON record_merges (merged_at_ms, merge_id);
        """;
}
