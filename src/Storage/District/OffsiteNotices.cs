using System.Globalization;
using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Offsite;

namespace HealthRecords.Storage.District;

/// <summary>An off-site service notice as the district holds it: when the district linked it to the record, and who of the owning clinic read it first.</summary>
public sealed record StoredNotice(OffsiteServiceNotice Notice, DateTimeOffset ReceivedAt, DateTimeOffset? ReadAt, string? ReadBy);

/// <summary>Where a page of notices starts: after the notice received at this time (ms) with this id, in the page's order.</summary>
/// <summary>
/// R-OS-3: the city's notices that another clinic served a resident of one of the district's clinics.
/// Written only by applying the city's events (<see cref="FeedApplication"/>); shown to the owning
/// clinic until one of its staff marks the notice read.
/// </summary>
public sealed class OffsiteNotices(Database database)
{
    private const string Columns = "payload, received_at_ms, read_at_ms, read_by";

    /// <summary>A clinic's notices, newest first by receipt, then notice id; only the unread ones when asked.</summary>
    public async Task<IReadOnlyList<StoredNotice>> ListAsync(string institutionCode, bool unreadOnly, TimedPageKey? after, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM offsite_notices
            WHERE owner_institution = @institutionCode {(unreadOnly ? "AND read_at_ms IS NULL" : "")}
              AND (@afterAt IS NULL OR received_at_ms < @afterAt OR (received_at_ms = @afterAt AND notice_id < @afterId))
            ORDER BY received_at_ms DESC, notice_id DESC LIMIT @limit
            """, new { institutionCode, afterAt = after?.AtMs, afterId = after?.Id ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToNotice()).ToList();
    }

    /// <summary>The inbox's part: a clinic's unread notices, oldest first by receipt, then notice id.</summary>
    public async Task<IReadOnlyList<StoredNotice>> UnreadAsync(string institutionCode, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM offsite_notices
            WHERE owner_institution = @institutionCode AND read_at_ms IS NULL
              AND (@afterAt IS NULL OR received_at_ms > @afterAt OR (received_at_ms = @afterAt AND notice_id > @afterId))
            ORDER BY received_at_ms, notice_id LIMIT @limit
            """, new { institutionCode, afterAt = after?.AtMs, afterId = after?.Id ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToNotice()).ToList();
    }

    /// <summary>
    /// Marks one of the clinic's notices read. The first reader wins: marking it again returns it as it
    /// is. Null when the clinic has no such notice (unknown, or another clinic's).
    /// </summary>
    public async Task<StoredNotice?> MarkReadAsync(string institutionCode, string noticeId, string readBy, DateTimeOffset readAt,
        CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var key = new { institutionCode, noticeId };
        await scope.Connection.ExecuteAsync("""
            UPDATE offsite_notices SET read_at_ms = @at, read_by = @readBy
            WHERE notice_id = @noticeId AND owner_institution = @institutionCode AND read_at_ms IS NULL
            """, new { institutionCode, noticeId, readBy, at = readAt.ToUnixTimeMilliseconds() }, scope.Transaction).ConfigureAwait(false);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM offsite_notices WHERE notice_id = @noticeId AND owner_institution = @institutionCode", key, scope.Transaction)
            .ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row?.ToNotice();
    }

    /// <summary>
    /// Applies an offsite_service_noticed event inside the feed's transaction. The notice id is the
    /// service's upload id: a notice the district already holds is left as it is, so each is delivered once.
    /// </summary>
    internal static Task InsertAsync(WriteScope scope, OffsiteServiceNotice n, DateTimeOffset receivedAt) =>
        scope.Connection.ExecuteAsync("""
            INSERT INTO offsite_notices (notice_id, record_number, owner_institution, serving_institution, serving_district,
                service_date, accepted_at_ms, received_at_ms, payload)
            VALUES (@NoticeId, @RecordNumber, @OwnerInstitution, @ServingInstitution, @ServingDistrict,
                @serviceDate, @acceptedAt, @receivedAt, @payload)
            ON CONFLICT (notice_id) DO NOTHING
            """, new
        {
            n.NoticeId, n.RecordNumber, n.OwnerInstitution, n.ServingInstitution, n.ServingDistrict,
            serviceDate = n.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            acceptedAt = n.AcceptedAt.ToUnixTimeMilliseconds(),
            receivedAt = receivedAt.ToUnixTimeMilliseconds(),
            payload = JsonSerializer.Serialize(n, StorageJson.Options),
        }, scope.Transaction);

    private sealed class Row
    {
        public string Payload { get; set; } = "";
        public long ReceivedAtMs { get; set; }
        public long? ReadAtMs { get; set; }
        public string? ReadBy { get; set; }

        public StoredNotice ToNotice() => new(JsonSerializer.Deserialize<OffsiteServiceNotice>(Payload, StorageJson.Options)!,
            DateTimeOffset.FromUnixTimeMilliseconds(ReceivedAtMs), ReadAtMs is { } read ? DateTimeOffset.FromUnixTimeMilliseconds(read) : null, ReadBy);
    }
}
