using System.Globalization;
using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>What the city already answered for an upload id: a repeat gets the same answer.</summary>
public abstract record PriorOutcome(string Fingerprint)
{
    public sealed record Accepted(string Fingerprint, bool Late) : PriorOutcome(Fingerprint);

    public sealed record Rejected(string Fingerprint, string Code, string Reason) : PriorOutcome(Fingerprint);
}

public sealed record AcceptedService(ServiceRecord Record, string DistrictCode, string Fingerprint);

public sealed record RejectedUpload(string UploadId, string Fingerprint, string Code, string Reason);

/// <summary>The residents' service timelines at the city (R-RC-1), written in batches from the districts' relays.</summary>
public sealed class ServiceRecordStore(Database database)
{
    public async Task<IReadOnlyDictionary<string, (RecordStatus Status, ResidentProfile Profile)>> LoadResidentsAsync(
        IReadOnlyCollection<string> recordNumbers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long, string)>(new CommandDefinition(
            $"SELECT record_number, status, profile FROM records WHERE {database.InArray("record_number", "recordNumbers")}",
            new { recordNumbers = recordNumbers.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Item1,
            r => ((RecordStatus)r.Item2, JsonSerializer.Deserialize<ResidentProfile>(r.Item3, StorageJson.Options)!));
    }

    public async Task<IReadOnlyDictionary<string, PriorOutcome>> FindPriorOutcomesAsync(IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = uploadIds.ToArray();
        var accepted = await connection.QueryAsync<(string, string, long)>(new CommandDefinition(
            $"SELECT upload_id, fingerprint, late FROM service_records WHERE {database.InArray("upload_id", "ids")}", new { ids }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rejected = await connection.QueryAsync<(string, string, string, string)>(new CommandDefinition(
            $"SELECT upload_id, fingerprint, code, reason FROM upload_rejections WHERE {database.InArray("upload_id", "ids")}", new { ids }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var outcomes = new Dictionary<string, PriorOutcome>();
        foreach (var (id, fingerprint, late) in accepted)
            outcomes[id] = new PriorOutcome.Accepted(fingerprint, late != 0);
        foreach (var (id, fingerprint, code, reason) in rejected)
            outcomes.TryAdd(id, new PriorOutcome.Rejected(fingerprint, code, reason));
        return outcomes;
    }

    /// <summary>
    /// One transaction for a relayed batch: accepted services join their timelines (a repeat already
    /// stored is left alone), rejections are remembered, each record's last service date moves forward.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<AcceptedService> accepted, IReadOnlyList<RejectedUpload> rejected, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        if (accepted.Count > 0)
        {
            await connection.ExecuteAsync("""
                INSERT INTO service_records (upload_id, record_number, institution_code, district_code, service_date, late, fingerprint, payload, received_at_ms)
                VALUES (@UploadId, @RecordNumber, @InstitutionCode, @DistrictCode, @ServiceDate, @Late, @Fingerprint, @Payload, @ReceivedAtMs)
                ON CONFLICT (upload_id) DO NOTHING
                """, accepted.Select(a => new
            {
                a.Record.UploadId,
                a.Record.RecordNumber,
                a.Record.InstitutionCode,
                a.DistrictCode,
                ServiceDate = IsoDate(a.Record.ServiceDate),
                Late = a.Record.Late ? 1 : 0,
                a.Fingerprint,
                Payload = JsonSerializer.Serialize(a.Record, StorageJson.Options),
                ReceivedAtMs = a.Record.ReceivedAt.ToUnixTimeMilliseconds(),
            }), tx).ConfigureAwait(false);
            // Derived, not typed: the latest service date of each record (ISO dates compare as text).
            await connection.ExecuteAsync("""
                UPDATE records SET last_service_date = @date
                WHERE record_number = @number AND (last_service_date IS NULL OR last_service_date < @date)
                """, accepted.GroupBy(a => a.Record.RecordNumber)
                .Select(g => new { number = g.Key, date = IsoDate(g.Max(a => a.Record.ServiceDate)) }), tx).ConfigureAwait(false);
        }
        if (rejected.Count > 0)
        {
            var atMs = at.ToUnixTimeMilliseconds();
            await connection.ExecuteAsync("""
                INSERT INTO upload_rejections (upload_id, fingerprint, code, reason, at_ms)
                VALUES (@UploadId, @Fingerprint, @Code, @Reason, @atMs)
                ON CONFLICT (upload_id) DO NOTHING
                """, rejected.Select(r => new { r.UploadId, r.Fingerprint, r.Code, r.Reason, atMs }), tx).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A record's services in time order (service date, then upload id), after the given key.</summary>
    public async Task<IReadOnlyList<ServiceRecord>> ListForRecordAsync(string recordNumber, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (afterDate, afterId) = afterKey?.Split('|') is [var d, var i] ? (d, i) : ("", "");
        var payloads = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT payload FROM service_records
            WHERE record_number = @recordNumber AND (service_date > @afterDate OR (service_date = @afterDate AND upload_id > @afterId))
            ORDER BY service_date, upload_id LIMIT @limit
            """, new { recordNumber, afterDate, afterId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payloads.Select(p => JsonSerializer.Deserialize<ServiceRecord>(p, StorageJson.Options)!).ToList();
    }

    public static string PageKey(ServiceRecord r) => $"{IsoDate(r.ServiceDate)}|{r.UploadId}";

    /// <summary>R-RC-4: uploads and late uploads per institution (optionally of one district), by institution code.</summary>
    public async Task<IReadOnlyList<(string InstitutionCode, long Uploads, long Late)>> LatenessAsync(string? districtCode, string? afterInstitution, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long, long)>(new CommandDefinition("""
            SELECT institution_code, COUNT(*), SUM(late) FROM service_records
            WHERE (@districtCode IS NULL OR district_code = @districtCode) AND institution_code > @after
            GROUP BY institution_code ORDER BY institution_code LIMIT @limit
            """, new { districtCode, after = afterInstitution ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM service_records", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
