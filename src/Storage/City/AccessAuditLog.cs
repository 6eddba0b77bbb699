using Dapper;

namespace HealthRecords.Storage.City;

/// <summary>One access to a resident's data, allowed or refused: who, for which institution, what, why, and the outcome.</summary>
public sealed record AuditedAccess(
    long AuditId,
    DateTimeOffset At,
    string CallerDistrict,
    string InstitutionCode,
    string Staff,
    string Action,
    string? RecordNumber,
    string Purpose,
    bool Allowed,
    string Basis,
    int? AuthorizationMethod,
    string? AuthorizationEvidence);

/// <summary>
/// The city's append-only log of accesses to residents' data (R-OS-2; R-AC-5 extends it to every
/// read). An entry is committed before the answer leaves, so no lookup goes unrecorded.
/// </summary>
public sealed class AccessAuditLog(Database database)
{
    private const string Columns =
        "audit_id AS AuditId, at_ms AS AtMs, caller_district AS CallerDistrict, institution_code AS InstitutionCode, staff AS Staff, " +
        "action AS Action, record_number AS RecordNumber, purpose AS Purpose, CAST(allowed AS BIGINT) AS Allowed, basis AS Basis, " +
        "CAST(authorization_method AS BIGINT) AS AuthorizationMethod, authorization_evidence AS AuthorizationEvidence";

    /// <returns>The entry's audit id.</returns>
    public async Task<long> AppendAsync(AuditedAccess entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO access_audit (at_ms, caller_district, institution_code, staff, action, record_number, purpose, allowed, basis,
                authorization_method, authorization_evidence)
            VALUES (@at, @CallerDistrict, @InstitutionCode, @Staff, @Action, @RecordNumber, @Purpose, @allowed, @Basis,
                @AuthorizationMethod, @AuthorizationEvidence)
            RETURNING audit_id
            """, new
            {
                at = entry.At.ToUnixTimeMilliseconds(), entry.CallerDistrict, entry.InstitutionCode, entry.Staff, entry.Action, entry.RecordNumber,
                entry.Purpose, allowed = entry.Allowed ? 1 : 0, entry.Basis, entry.AuthorizationMethod, entry.AuthorizationEvidence,
            }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Entries of one record or (and) of one institution, oldest first, after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<AuditedAccess>> ListAsync(string? recordNumber, string? institutionCode, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM access_audit
            WHERE (@recordNumber IS NULL OR record_number = @recordNumber) AND (@institutionCode IS NULL OR institution_code = @institutionCode)
              AND audit_id > @afterId
            ORDER BY audit_id LIMIT @limit
            """, new { recordNumber, institutionCode, afterId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new AuditedAccess(r.AuditId, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.CallerDistrict, r.InstitutionCode,
            r.Staff, r.Action, r.RecordNumber, r.Purpose, r.Allowed != 0, r.Basis, (int?)r.AuthorizationMethod, r.AuthorizationEvidence)).ToList();
    }

    // Settable properties: Dapper maps a NULL column to a nullable property whatever type SQLite reports for it.
    private sealed class Row
    {
        public long AuditId { get; init; }
        public long AtMs { get; init; }
        public string CallerDistrict { get; init; } = "";
        public string InstitutionCode { get; init; } = "";
        public string Staff { get; init; } = "";
        public string Action { get; init; } = "";
        public string? RecordNumber { get; init; }
        public string Purpose { get; init; } = "";
        public long Allowed { get; init; }
        public string Basis { get; init; } = "";
        public long? AuthorizationMethod { get; init; }
        public string? AuthorizationEvidence { get; init; }
    }
}
