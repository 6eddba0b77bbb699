using System.Globalization;
using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>What the city already answered for an upload id: a repeat gets the same answer.</summary>
public abstract record PriorOutcome(string Fingerprint)
{
    public sealed record Accepted(string Fingerprint, bool Late) : PriorOutcome(Fingerprint);

    public sealed record Rejected(string Fingerprint, string Code, string Reason) : PriorOutcome(Fingerprint);
}

/// <param name="MergedFrom">R-MG-3: the merged-away record the service was uploaded under, when it was taken onto the survivor.</param>
public sealed record AcceptedService(ServiceRecord Record, string DistrictCode, string Fingerprint, string? MergedFrom = null);

public sealed record RejectedUpload(string UploadId, string Fingerprint, string Code, string Reason);

/// <summary>The residents' service timelines at the city (R-RC-1), written in batches from the districts' relays.</summary>
public sealed class ServiceRecordStore(Database database, DistrictEventLog districtLogs)
{
    private static readonly BatchStatement<AcceptedService> InsertService = BatchStatement<AcceptedService>.InsertIgnoringExisting(
        "service_records", "upload_id",
        new("upload_id", BatchType.Text, a => a.Record.UploadId),
        new("record_number", BatchType.Text, a => a.Record.RecordNumber),
        new("institution_code", BatchType.Text, a => a.Record.InstitutionCode),
        new("district_code", BatchType.Text, a => a.DistrictCode),
        new("service_date", BatchType.Text, a => IsoDate(a.Record.ServiceDate)),
        new("late", BatchType.Integer, a => a.Record.Late ? 1 : 0),
        new("fingerprint", BatchType.Text, a => a.Fingerprint),
        new("payload", BatchType.Text, a => JsonSerializer.Serialize(a.Record, StorageJson.Options)),
        new("received_at_ms", BatchType.BigInt, a => a.Record.ReceivedAt.ToUnixTimeMilliseconds()),
        new("offsite", BatchType.Integer, a => a.Record.Offsite ? 1 : 0),
        new("owner_institution", BatchType.Text, a => a.Record.OwnerInstitution),
        new("owner_district", BatchType.Text, a => a.Record.OwnerDistrict),
        new("merged_from_record", BatchType.Text, a => a.MergedFrom));

    // Derived, not typed: the latest service date of each record (ISO dates compare as text).
    private static readonly BatchStatement<(string Number, string Date)> AdvanceLastServiceDate = new("""
        UPDATE records SET last_service_date = @date
        WHERE record_number = @number AND (last_service_date IS NULL OR last_service_date < @date)
        """, """
        UPDATE records r SET last_service_date = v.date FROM unnest(@number, @date) AS v(number, date)
        WHERE r.record_number = v.number AND (r.last_service_date IS NULL OR r.last_service_date < v.date)
        """, [new("number", BatchType.Text, u => u.Number), new("date", BatchType.Text, u => u.Date)]);

    private static readonly BatchStatement<(RejectedUpload Upload, long AtMs)> InsertRejection = BatchStatement<(RejectedUpload Upload, long AtMs)>.InsertIgnoringExisting(
        "upload_rejections", "upload_id",
        new("upload_id", BatchType.Text, r => r.Upload.UploadId),
        new("fingerprint", BatchType.Text, r => r.Upload.Fingerprint),
        new("code", BatchType.Text, r => r.Upload.Code),
        new("reason", BatchType.Text, r => r.Upload.Reason),
        new("at_ms", BatchType.BigInt, r => r.AtMs));

    /// <summary>What the service rules need of each resident: status, profile, date of death and owner (R-RC-1, R-ST-3, R-OS-5).</summary>
    public async Task<IReadOnlyDictionary<string, ResidentFacts>> LoadResidentsAsync(
        IReadOnlyCollection<string> recordNumbers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (oneOfNumbers, numbers) = database.OneOf("record_number", "numbers", recordNumbers);
        var rows = await connection.QueryAsync<(string, long, string, string?, string, string)>(new CommandDefinition(
            $"SELECT record_number, status, profile, lifecycle, owner_institution, owner_district FROM records WHERE {oneOfNumbers}",
            new { numbers }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Item1, r =>
        {
            var profile = JsonSerializer.Deserialize<ResidentProfile>(r.Item3, StorageJson.Options)!;
            var died = r.Item4 is null ? null : JsonSerializer.Deserialize<RecordLifecycle>(r.Item4, StorageJson.Options)!.DateOfDeath;
            return new ResidentFacts((RecordStatus)r.Item2, profile.DateOfBirth, died, profile.Sex, r.Item5, r.Item6);
        });
    }

    public async Task<IReadOnlyDictionary<string, PriorOutcome>> FindPriorOutcomesAsync(IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (oneOfIds, ids) = database.OneOf("upload_id", "ids", uploadIds);
        var accepted = await connection.QueryAsync<(string, string, long)>(new CommandDefinition(
            $"SELECT upload_id, fingerprint, late FROM service_records WHERE {oneOfIds}", new { ids }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rejected = await connection.QueryAsync<(string, string, string, string)>(new CommandDefinition(
            $"SELECT upload_id, fingerprint, code, reason FROM upload_rejections WHERE {oneOfIds}", new { ids }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var outcomes = new Dictionary<string, PriorOutcome>();
        foreach (var (id, fingerprint, late) in accepted)
            outcomes[id] = new PriorOutcome.Accepted(fingerprint, late != 0);
        foreach (var (id, fingerprint, code, reason) in rejected)
            outcomes.TryAdd(id, new PriorOutcome.Rejected(fingerprint, code, reason));
        return outcomes;
    }

    /// <summary>
    /// One transaction for a relayed batch: accepted services join their timelines (a repeat already
    /// stored is left alone), rejections are remembered, each record's last service date moves forward,
    /// and the owner's district is told of every off-site service (R-OS-3) in the same commit, so no
    /// acknowledged off-site service goes unnoticed.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<AcceptedService> accepted, IReadOnlyList<RejectedUpload> rejected, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await InsertService.ExecuteAsync(scope, accepted, cancellationToken).ConfigureAwait(false);
        // Rows in record order, so that concurrent batches lock the records they share in the same order.
        await AdvanceLastServiceDate.ExecuteAsync(scope, accepted.GroupBy(a => a.Record.RecordNumber)
            .Select(g => (g.Key, IsoDate(g.Max(a => a.Record.ServiceDate)))).OrderBy(u => u.Key, StringComparer.Ordinal).ToList(),
            cancellationToken).ConfigureAwait(false);
        await districtLogs.AppendAllAsync(scope, accepted.Where(a => a.Record.Offsite)
            .Select(a => OffsiteServiceNotice.Of(a.Record, a.DistrictCode, at).ToDelivery()), cancellationToken).ConfigureAwait(false);
        var atMs = at.ToUnixTimeMilliseconds();
        await InsertRejection.ExecuteAsync(scope, rejected.Select(r => (r, atMs)).ToList(), cancellationToken).ConfigureAwait(false);
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
