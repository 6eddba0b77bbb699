using Dapper;

namespace HealthRecords.Storage.District;

public enum RelayState { Pending = 1, AcceptedByCity = 2, RejectedByCity = 3 }

/// <summary>An upload as received from a clinic: its wire bytes are kept as they came.</summary>
public sealed record NewUpload(string UploadId, string InstitutionCode, string Fingerprint, byte[] Payload);

public sealed record StoredUpload(long Seq, string UploadId, string InstitutionCode, string Fingerprint, byte[] Payload,
    DateTimeOffset ReceivedAt, RelayState State, byte[]? CityAck);

/// <summary>
/// The district's durable log of its clinics' uploads. An upload is acknowledged to the clinic only
/// after <see cref="AppendAsync"/> committed it; the relay sends pending ones to the city in seq order.
/// </summary>
public sealed class UploadLog(Database database)
{
    private const string Columns = "seq, upload_id, institution_code, fingerprint, payload, received_at_ms, relay_state, city_ack";

    private static readonly BatchStatement<(NewUpload Upload, long AtMs)> InsertUpload = BatchStatement<(NewUpload Upload, long AtMs)>.InsertIgnoringExisting(
        "uploads", "upload_id",
        new("upload_id", BatchType.Text, u => u.Upload.UploadId),
        new("institution_code", BatchType.Text, u => u.Upload.InstitutionCode),
        new("fingerprint", BatchType.Text, u => u.Upload.Fingerprint),
        new("payload", BatchType.Bytes, u => u.Upload.Payload),
        new("received_at_ms", BatchType.BigInt, u => u.AtMs),
        new("relay_state", BatchType.Integer, _ => (int)RelayState.Pending));

    private static readonly BatchStatement<(string UploadId, RelayState State, byte[] Ack)> RecordAnswer = new(
        "UPDATE uploads SET relay_state = @state, city_ack = @ack WHERE upload_id = @upload_id",
        """
        UPDATE uploads u SET relay_state = v.state, city_ack = v.ack FROM unnest(@upload_id, @state, @ack) AS v(upload_id, state, ack)
        WHERE u.upload_id = v.upload_id
        """,
        [new("upload_id", BatchType.Text, a => a.UploadId), new("state", BatchType.Integer, a => (int)a.State), new("ack", BatchType.Bytes, a => a.Ack)]);

    /// <summary>
    /// Commits the new uploads in one transaction (repeats are left as they are) and returns the
    /// fingerprint stored for every upload id, so the caller can tell a repeat from a reused id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> AppendAsync(IReadOnlyList<NewUpload> uploads, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var at = receivedAt.ToUnixTimeMilliseconds();
        await InsertUpload.ExecuteAsync(scope, uploads.Select(u => (u, at)).ToList(), cancellationToken).ConfigureAwait(false);
        var (oneOfIds, ids) = database.OneOf("upload_id", "ids", uploads.Select(u => u.UploadId).Distinct());
        var stored = await scope.Connection.QueryAsync<(string, string)>(
            $"SELECT upload_id, fingerprint FROM uploads WHERE {oneOfIds}", new { ids }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>Uploads not yet answered by the city, in the order they were committed.</summary>
    public async Task<IReadOnlyList<StoredUpload>> PendingAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM uploads WHERE relay_state = 1 AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { afterSeq, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToUpload()).ToList();
    }

    /// <summary>Records the city's answers; an answered upload is never sent again.</summary>
    public async Task MarkAnsweredAsync(IReadOnlyList<(string UploadId, RelayState State, byte[] Ack)> answers, CancellationToken cancellationToken)
    {
        if (answers.Count == 0)
            return;
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await RecordAnswer.ExecuteAsync(scope, answers, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredUpload?> GetAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM uploads WHERE upload_id = @uploadId", new { uploadId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToUpload();
    }

    public async Task<IReadOnlyList<StoredUpload>> ListAsync(string? institutionCode, bool rejectedOnly, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM uploads
            WHERE (@institutionCode IS NULL OR institution_code = @institutionCode)
              AND (@rejectedOnly = 0 OR relay_state = 3) AND seq > @afterSeq
            ORDER BY seq LIMIT @limit
            """, new { institutionCode, rejectedOnly = rejectedOnly ? 1 : 0, afterSeq, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToUpload()).ToList();
    }

    public async Task<long> CountAsync(RelayState state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM uploads WHERE relay_state = @state", new { state = (int)state }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed class Row
    {
        public long Seq { get; set; }
        public string UploadId { get; set; } = "";
        public string InstitutionCode { get; set; } = "";
        public string Fingerprint { get; set; } = "";
        public byte[] Payload { get; set; } = [];
        public long ReceivedAtMs { get; set; }
        public long RelayState { get; set; }
        public byte[]? CityAck { get; set; }

        public StoredUpload ToUpload() => new(Seq, UploadId, InstitutionCode, Fingerprint, Payload,
            DateTimeOffset.FromUnixTimeMilliseconds(ReceivedAtMs), (District.RelayState)RelayState, CityAck);
    }
}
