using Google.Protobuf;
using HealthRecords.Contracts.Types.V1;
using Microsoft.Data.Sqlite;

namespace HealthRecords.ClinicAgent.Uploads;

/// <summary>
/// The clinic's durable queue of service records not yet acknowledged by its district (a SQLite file),
/// so that the clinic keeps working offline and uploads later (GD art. 17, CQ-A1 2(7)). A record leaves
/// the queue only when the district acknowledged it; rejected ones are kept aside with their reason.
/// </summary>
public sealed class UploadQueue : IDisposable
{
    private readonly SqliteConnection _connection;
    // One connection, used by the uploader's sender and its acknowledgement reader at once: take turns.
    private readonly Lock _gate = new();

    public UploadQueue(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS queue (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                upload_id TEXT NOT NULL UNIQUE,
                payload BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS rejections (
                upload_id TEXT PRIMARY KEY,
                code TEXT NOT NULL,
                reason TEXT NOT NULL,
                payload BLOB NOT NULL);
            """);
    }

    /// <summary>Adds records in one transaction; a record without an upload id gets a fresh one. Returns how many were new.</summary>
    public int Enqueue(IEnumerable<ServiceRecord> records)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO queue (upload_id, payload) VALUES ($id, $payload) ON CONFLICT (upload_id) DO NOTHING";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var added = 0;
            foreach (var record in records)
            {
                if (record.UploadId.Length == 0)
                    record.UploadId = $"{record.InstitutionCode}-{Guid.NewGuid():N}";
                id.Value = record.UploadId;
                payload.Value = record.ToByteArray();
                added += insert.ExecuteNonQuery();
            }
            tx.Commit();
            return added;
        }
    }

    /// <summary>Queued records after <paramref name="afterSeq"/>, oldest first.</summary>
    public IReadOnlyList<(long Seq, ServiceRecord Record)> ReadAfter(long afterSeq, int limit)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq, payload FROM queue WHERE seq > $after ORDER BY seq LIMIT $limit";
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var rows = new List<(long, ServiceRecord)>();
            while (reader.Read())
                rows.Add((reader.GetInt64(0), ServiceRecord.Parser.ParseFrom((byte[])reader[1])));
            return rows;
        }
    }

    /// <summary>Applies acknowledgements in one transaction: accepted leave the queue, rejected move aside.</summary>
    public void Complete(IReadOnlyList<UploadAck> acks)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            using var reject = _connection.CreateCommand();
            reject.Transaction = tx;
            reject.CommandText = """
                INSERT INTO rejections (upload_id, code, reason, payload)
                SELECT upload_id, $code, $reason, payload FROM queue WHERE upload_id = $id
                ON CONFLICT (upload_id) DO UPDATE SET code = excluded.code, reason = excluded.reason
                """;
            var rejectId = reject.Parameters.Add("$id", SqliteType.Text);
            var code = reject.Parameters.Add("$code", SqliteType.Text);
            var reason = reject.Parameters.Add("$reason", SqliteType.Text);
            using var delete = _connection.CreateCommand();
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM queue WHERE upload_id = $id";
            var deleteId = delete.Parameters.Add("$id", SqliteType.Text);
            foreach (var ack in acks)
            {
                if (ack.Outcome == UploadOutcome.Rejected)
                {
                    (rejectId.Value, code.Value, reason.Value) = (ack.UploadId, ack.RejectionCode, ack.RejectionReason);
                    reject.ExecuteNonQuery();
                }
                deleteId.Value = ack.UploadId;
                delete.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    public long Count() => Scalar("SELECT COUNT(*) FROM queue");

    public long RejectedCount() => Scalar("SELECT COUNT(*) FROM rejections");

    public IReadOnlyList<(string UploadId, string Code, string Reason)> Rejections(int limit)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT upload_id, code, reason FROM rejections ORDER BY upload_id LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var rows = new List<(string, string, string)>();
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return rows;
        }
    }

    public void Dispose() => _connection.Dispose();

    private long Scalar(string sql)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
