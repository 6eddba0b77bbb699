using System.Globalization;
using HealthRecords.Grains.Reconciliation;

namespace HealthRecords.Storage.Digests;

/// <summary>
/// R-CN-2: per clinic and record-number suffix (last three digits), the count, managed, archived and
/// digest of an index table's rows, kept up to date by triggers in the transaction of every insert,
/// update and delete, also by statements that bypass the application. The same per-record hash as
/// <see cref="IndexDigest.Hash(string, string, int, long)"/>: SQLite calls the C# function
/// (<see cref="SqliteDigestFunctions"/>), PostgreSQL computes it with sha256().
/// </summary>
internal static class DigestSchema
{
    private static readonly string P = IndexDigest.Modulus.ToString(CultureInfo.InvariantCulture);

    /// <summary>The record number's leaf bucket in SQL: 17 digits, the last three (the same expression on both dialects).</summary>
    public const string LeafSuffix = "substr({0}.record_number, 15)";

    public static string Sqlite(string recordsTable, string digestsTable) => $"""
        {Table(digestsTable)}
        INSERT INTO {digestsTable} (owner_institution, suffix, record_count, managed, archived, digest)
        SELECT owner_institution, substr(record_number, 15), COUNT(*), SUM(status = 1), SUM(status IN (2, 3, 4)),
               hr_digest_sum(hr_index_hash(record_number, owner_institution, status, version))
        FROM {recordsTable} GROUP BY owner_institution, substr(record_number, 15);
        CREATE TRIGGER {recordsTable}_digest_insert AFTER INSERT ON {recordsTable} BEGIN
            {SqliteAdd(digestsTable, "NEW", +1)}
        END;
        CREATE TRIGGER {recordsTable}_digest_delete AFTER DELETE ON {recordsTable} BEGIN
            {SqliteAdd(digestsTable, "OLD", -1)}
        END;
        CREATE TRIGGER {recordsTable}_digest_update AFTER UPDATE OF record_number, owner_institution, status, version ON {recordsTable} BEGIN
            {SqliteAdd(digestsTable, "OLD", -1)}
            {SqliteAdd(digestsTable, "NEW", +1)}
        END;
        """;

    public static string Postgres(string recordsTable, string digestsTable) => $$"""
        {{Table(digestsTable)}}
        CREATE OR REPLACE FUNCTION hr_index_hash(record_number text, owner text, status integer, version bigint) RETURNS bigint
            LANGUAGE sql IMMUTABLE STRICT AS $f$
            SELECT ('x' || substr(encode(sha256(convert_to(record_number || '|' || owner || '|' || status::text || '|' || version::text, 'UTF8')), 'hex'), 1, 15))::bit(60)::bigint
            $f$;
        CREATE OR REPLACE FUNCTION hr_digest_add(a bigint, b bigint) RETURNS bigint
            LANGUAGE sql IMMUTABLE STRICT AS $f$ SELECT (a + b) % {{P}} $f$;
        CREATE OR REPLACE AGGREGATE hr_digest_sum(bigint) (SFUNC = hr_digest_add, STYPE = bigint, INITCOND = '0');
        INSERT INTO {{digestsTable}} (owner_institution, suffix, record_count, managed, archived, digest)
        SELECT owner_institution, substr(record_number, 15), COUNT(*), SUM(CASE WHEN status = 1 THEN 1 ELSE 0 END),
               SUM(CASE WHEN status IN (2, 3, 4) THEN 1 ELSE 0 END),
               hr_digest_sum(hr_index_hash(record_number, owner_institution, status, version))
        FROM {{recordsTable}} GROUP BY owner_institution, substr(record_number, 15);
        CREATE FUNCTION {{recordsTable}}_digest() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {{PostgresAdd(digestsTable, "OLD", -1)}}
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                {{PostgresAdd(digestsTable, "NEW", +1)}}
            END IF;
            RETURN NULL;
        END
        $f$;
        CREATE TRIGGER {{recordsTable}}_digest AFTER INSERT OR DELETE OR UPDATE OF record_number, owner_institution, status, version
            ON {{recordsTable}} FOR EACH ROW EXECUTE FUNCTION {{recordsTable}}_digest();
        """;

    private static string Table(string digestsTable) => $"""
        CREATE TABLE {digestsTable} (
            owner_institution TEXT NOT NULL,
            suffix TEXT NOT NULL,
            record_count BIGINT NOT NULL,
            managed BIGINT NOT NULL,
            archived BIGINT NOT NULL,
            digest BIGINT NOT NULL,
            PRIMARY KEY (owner_institution, suffix)
        );
        """;

    // Removing adds the hash's complement, so every update is one atomic upsert and sums stay below 2^62.
    private static string SqliteAdd(string digestsTable, string row, int sign) => $"""
        INSERT INTO {digestsTable} (owner_institution, suffix, record_count, managed, archived, digest)
        VALUES ({row}.owner_institution, substr({row}.record_number, 15), {sign}, {sign} * ({row}.status = 1), {sign} * ({row}.status IN (2, 3, 4)),
                {Contribution($"hr_index_hash({row}.record_number, {row}.owner_institution, {row}.status, {row}.version)", sign)})
        ON CONFLICT (owner_institution, suffix) DO UPDATE SET
            record_count = record_count + excluded.record_count, managed = managed + excluded.managed,
            archived = archived + excluded.archived, digest = (digest + excluded.digest) % {P};
        """;

    private static string PostgresAdd(string digestsTable, string row, int sign) => $"""
        INSERT INTO {digestsTable} AS d (owner_institution, suffix, record_count, managed, archived, digest)
                VALUES ({row}.owner_institution, substr({row}.record_number, 15), {sign},
                        {sign} * (CASE WHEN {row}.status = 1 THEN 1 ELSE 0 END), {sign} * (CASE WHEN {row}.status IN (2, 3, 4) THEN 1 ELSE 0 END),
                        {Contribution($"hr_index_hash({row}.record_number, {row}.owner_institution, {row}.status, {row}.version)", sign)})
                ON CONFLICT (owner_institution, suffix) DO UPDATE SET
                    record_count = d.record_count + excluded.record_count, managed = d.managed + excluded.managed,
                    archived = d.archived + excluded.archived, digest = (d.digest + excluded.digest) % {P};
        """;

    private static string Contribution(string hash, int sign) => sign > 0 ? hash : $"{P} - {hash}";
}
