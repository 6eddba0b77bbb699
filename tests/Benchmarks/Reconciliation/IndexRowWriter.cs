using System.Diagnostics;
using System.Text.Json;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using Microsoft.Data.Sqlite;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>
/// Inserts generated records into an index table (the city's <c>records</c> or a district's
/// <c>district_records</c>) with one prepared INSERT per row, committing every
/// <see cref="RowsPerTransaction"/> rows. The fixture and its triggerless baseline go through this same
/// code, so the only difference between their rates is the digest triggers.
/// </summary>
internal abstract class IndexRowWriter
{
    /// <summary>Large enough that a commit's fsync is noise; small enough that the WAL stays a few hundred MB.</summary>
    public const int RowsPerTransaction = 200_000;

    private static readonly string Profile = JsonSerializer.Serialize(new { name = "基准居民", sex = 1, phone = "13800000000" });
    private static readonly long EnrolledAtMs = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    public static readonly IndexRowWriter City = new CityWriter();
    public static readonly IndexRowWriter District = new DistrictWriter();

    protected abstract string Table { get; }

    protected abstract string Sql { get; }

    /// <summary>The statement's parameters with their SQLite types, in the order <see cref="Bind"/> fills them.</summary>
    protected abstract (string Name, SqliteType Type)[] Parameters { get; }

    protected abstract void Bind(GeneratedRecord record, SqliteParameter[] parameters);

    /// <summary>Inserts the rows and returns how long the inserts and commits took.</summary>
    public async Task<TimeSpan> InsertAsync(SqliteDatabase database, IEnumerable<GeneratedRecord> records)
    {
        var watch = Stopwatch.StartNew();
        using var rows = records.GetEnumerator();
        var more = rows.MoveNext();
        while (more)
        {
            await using var scope = await database.BeginWriteAsync();
            using var command = (SqliteCommand)scope.Connection.CreateCommand();
            command.Transaction = (SqliteTransaction)scope.Transaction;
            command.CommandText = Sql;
            var parameters = Parameters.Select(p => command.Parameters.Add(p.Name, p.Type)).ToArray();
            command.Prepare();
            for (var n = 0; more && n < RowsPerTransaction; n++, more = rows.MoveNext())
            {
                Bind(rows.Current, parameters);
                command.ExecuteNonQuery();
            }
            await scope.CommitAsync();
        }
        return watch.Elapsed;
    }

    /// <summary>Puts a record's generated row back as it was (after the benchmark corrupted it); the triggers fix the digests.</summary>
    public async Task RestoreAsync(WriteScope scope, GeneratedRecord record)
    {
        using var delete = (SqliteCommand)scope.Connection.CreateCommand();
        delete.Transaction = (SqliteTransaction)scope.Transaction;
        delete.CommandText = $"DELETE FROM {Table} WHERE record_number = $n";
        delete.Parameters.AddWithValue("$n", record.RecordNumber);
        await delete.ExecuteNonQueryAsync();
        using var insert = (SqliteCommand)scope.Connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)scope.Transaction;
        insert.CommandText = Sql;
        var parameters = Parameters.Select(p => insert.Parameters.Add(p.Name, p.Type)).ToArray();
        Bind(record, parameters);
        await insert.ExecuteNonQueryAsync();
    }

    private sealed class CityWriter : IndexRowWriter
    {
        protected override string Table => "records";

        protected override string Sql => $"""
            INSERT INTO records ({CitySchema.RecordColumns})
            VALUES ($n, $k, $o, $d, $s, $v, $o, 'bench', {EnrolledAtMs}, {EnrolledAtMs}, '', '[]', $p)
            """;

        protected override (string, SqliteType)[] Parameters =>
            [("$n", SqliteType.Text), ("$k", SqliteType.Text), ("$o", SqliteType.Text), ("$d", SqliteType.Text), ("$s", SqliteType.Integer), ("$v", SqliteType.Integer), ("$p", SqliteType.Text)];

        protected override void Bind(GeneratedRecord r, SqliteParameter[] p)
        {
            p[0].Value = r.RecordNumber;
            p[1].Value = r.IdentityKey;
            p[2].Value = r.OwnerInstitution;
            p[3].Value = r.OwnerDistrict;
            p[4].Value = (long)r.Status;
            p[5].Value = r.Version;
            p[6].Value = Profile;
        }
    }

    private sealed class DistrictWriter : IndexRowWriter
    {
        protected override string Table => "district_records";

        protected override string Sql => $"""
            INSERT INTO district_records (record_number, identity_kind, identity_masked, owner_institution, owner_district, status, version,
                                          residence_committee, enrolling_institution, enrolled_by, enrolled_at_ms, updated_at_ms)
            VALUES ($n, 1, $m, $o, $d, $s, $v, $c, $o, 'bench', {EnrolledAtMs}, {EnrolledAtMs})
            """;

        protected override (string, SqliteType)[] Parameters =>
            [("$n", SqliteType.Text), ("$m", SqliteType.Text), ("$o", SqliteType.Text), ("$d", SqliteType.Text), ("$s", SqliteType.Integer), ("$v", SqliteType.Integer), ("$c", SqliteType.Text)];

        protected override void Bind(GeneratedRecord r, SqliteParameter[] p)
        {
            p[0].Value = r.RecordNumber;
            p[1].Value = r.IdentityMasked;
            p[2].Value = r.OwnerInstitution;
            p[3].Value = r.OwnerDistrict;
            p[4].Value = (long)r.Status;
            p[5].Value = r.Version;
            p[6].Value = r.Committee;
        }
    }
}
