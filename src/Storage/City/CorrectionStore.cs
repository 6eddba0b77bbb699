using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>
/// Corrections of saved service records at the city (R-RC-3): the requests, their decisions and
/// the versions they made. <c>service_records.payload</c> is always the current version, so the
/// timeline and the homepage read corrected records without knowing about versions.
/// </summary>
public sealed class CorrectionStore(Database database)
{
    /// <summary>The current version of an upload's service record; null when the city has no such upload.</summary>
    public async Task<CurrentServiceRecord?> GetCurrentAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement, so the payload and the version number are of the same moment.
        var row = await connection.QuerySingleOrDefaultAsync<(string? Payload, long? Version)>(new CommandDefinition("""
            SELECT s.payload, (SELECT MAX(v.version) FROM service_record_versions v WHERE v.upload_id = s.upload_id)
            FROM service_records s WHERE s.upload_id = @uploadId
            """, new { uploadId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.Payload is null
            ? null
            : new CurrentServiceRecord(JsonSerializer.Deserialize<ServiceRecord>(row.Payload, StorageJson.Options)!, (int)(row.Version ?? 1));
    }

    public async Task<StoredCorrection?> GetAsync(string correctionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CorrectionRow>(new CommandDefinition(
            $"SELECT {CorrectionRow.Columns} FROM service_corrections WHERE correction_id = @correctionId",
            new { correctionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDomain();
    }

    /// <summary>
    /// Stores <paramref name="request"/> as pending unless its correction id is taken, and returns
    /// what is stored under the id: the caller tells a repeat from a reused id by comparing.
    /// </summary>
    public async Task<StoredCorrection> AddAsync(CorrectionRequest request, string recordNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync($"""
            INSERT INTO service_corrections ({CorrectionRow.Columns})
            VALUES (@CorrectionId, @UploadId, @RecordNumber, @InstitutionCode, @RequestedBy, @Reason, @Evidence, @Changes,
                    @State, @RequestedAtMs, @DecidedBy, @DecidedAtMs, @DecisionReason)
            ON CONFLICT (correction_id) DO NOTHING
            """, CorrectionRow.Pending(request, recordNumber), scope.Transaction).ConfigureAwait(false);
        var stored = await scope.Connection.QuerySingleAsync<CorrectionRow>(
            $"SELECT {CorrectionRow.Columns} FROM service_corrections WHERE correction_id = @CorrectionId",
            new { request.CorrectionId }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored.ToDomain();
    }

    /// <summary>
    /// In one transaction: marks the correction approved, keeps version 1 (the upload as received) if
    /// no version was kept yet, adds <paramref name="next"/> and makes it the current payload. False,
    /// with nothing written, when the correction is no longer pending or another approval already
    /// made version <c>next.Version</c>: the caller reads again and decides again. The fingerprint
    /// stays the upload's, so a re-sent original upload still gets its original answer.
    /// </summary>
    public async Task<bool> TryApproveAsync(ServiceRecordVersion next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Version < 2 || next.CorrectionId is null || next.ApprovedBy is null)
            throw new ArgumentException("An approval makes version 2 or later, with its correction and approver.", nameof(next));
        var uploadId = next.Record.UploadId;
        var payload = JsonSerializer.Serialize(next.Record, StorageJson.Options);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var decided = await connection.ExecuteAsync("""
            UPDATE service_corrections SET state = @approved, decided_by = @approvedBy, decided_at_ms = @at
            WHERE correction_id = @correctionId AND upload_id = @uploadId AND state = @pending
            """, new
        {
            approved = (long)CorrectionState.Approved,
            pending = (long)CorrectionState.Pending,
            approvedBy = next.ApprovedBy,
            at = next.ValidFrom.ToUnixTimeMilliseconds(),
            correctionId = next.CorrectionId,
            uploadId,
        }, tx).ConfigureAwait(false);
        if (decided != 1)
            return false;
        // Version 1 valid from the receipt, as ServiceRecordVersion.First says.
        await connection.ExecuteAsync("""
            INSERT INTO service_record_versions (upload_id, version, payload, valid_from_ms, correction_id, approved_by)
            SELECT upload_id, 1, payload, received_at_ms, NULL, NULL FROM service_records
            WHERE upload_id = @uploadId AND NOT EXISTS (SELECT 1 FROM service_record_versions WHERE upload_id = @uploadId)
            ON CONFLICT (upload_id, version) DO NOTHING
            """, new { uploadId }, tx).ConfigureAwait(false);
        // The primary key is the optimistic check: of two approvals made from the same version, one inserts.
        var added = await connection.ExecuteAsync("""
            INSERT INTO service_record_versions (upload_id, version, payload, valid_from_ms, correction_id, approved_by)
            VALUES (@uploadId, @version, @payload, @validFrom, @correctionId, @approvedBy)
            ON CONFLICT (upload_id, version) DO NOTHING
            """, new
        {
            uploadId,
            version = (long)next.Version,
            payload,
            validFrom = next.ValidFrom.ToUnixTimeMilliseconds(),
            correctionId = next.CorrectionId,
            approvedBy = next.ApprovedBy,
        }, tx).ConfigureAwait(false);
        if (added != 1)
            return false;
        await connection.ExecuteAsync("UPDATE service_records SET payload = @payload WHERE upload_id = @uploadId",
            new { payload, uploadId }, tx).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Marks the correction rejected; false when it is no longer pending (someone decided first).</summary>
    public async Task<bool> TryRejectAsync(CorrectionRejection rejection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var decided = await scope.Connection.ExecuteAsync("""
            UPDATE service_corrections SET state = @rejected, decided_by = @by, decided_at_ms = @at, decision_reason = @reason
            WHERE correction_id = @correctionId AND state = @pending
            """, new
        {
            rejected = (long)CorrectionState.Rejected,
            pending = (long)CorrectionState.Pending,
            by = rejection.RejectedBy,
            at = rejection.At.ToUnixTimeMilliseconds(),
            reason = rejection.Reason,
            correctionId = rejection.CorrectionId,
        }, scope.Transaction).ConfigureAwait(false);
        if (decided != 1)
            return false;
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Corrections of the given institutions, optionally in one state, by correction id after the given one.</summary>
    public async Task<IReadOnlyList<StoredCorrection>> ListAsync(IReadOnlyCollection<string> institutions, CorrectionState? state,
        string? afterCorrectionId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (oneOfInstitutions, institutionCodes) = database.OneOf("institution_code", "institutionCodes", institutions);
        var rows = await connection.QueryAsync<CorrectionRow>(new CommandDefinition($"""
            SELECT {CorrectionRow.Columns} FROM service_corrections
            WHERE {oneOfInstitutions} AND (@state = 0 OR state = @state) AND correction_id > @after
            ORDER BY correction_id LIMIT @limit
            """,
            new { institutionCodes, state = (long)(state ?? 0), after = afterCorrectionId ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// An upload's versions, oldest first, after <paramref name="afterVersion"/>. A record never
    /// corrected has one version: the upload, valid from its receipt. Empty for an unknown upload.
    /// </summary>
    public async Task<IReadOnlyList<ServiceRecordVersion>> ListVersionsAsync(string uploadId, int afterVersion, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(long Version, string Payload, long ValidFromMs, string? CorrectionId, string? ApprovedBy)>(new CommandDefinition("""
            SELECT version, payload, valid_from_ms, correction_id, approved_by FROM service_record_versions
            WHERE upload_id = @uploadId AND version > @after ORDER BY version LIMIT @limit
            """, new { uploadId, after = (long)afterVersion, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0 && afterVersion < 1)
        {
            // No version kept yet: the current payload is the upload itself.
            return await GetCurrentAsync(uploadId, cancellationToken).ConfigureAwait(false) is { } current
                ? [ServiceRecordVersion.First(current.Record)]
                : [];
        }
        return rows.Select(r => new ServiceRecordVersion((int)r.Version, JsonSerializer.Deserialize<ServiceRecord>(r.Payload, StorageJson.Options)!,
            DateTimeOffset.FromUnixTimeMilliseconds(r.ValidFromMs), r.CorrectionId, r.ApprovedBy)).ToList();
    }
}
