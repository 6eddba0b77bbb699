using Dapper;

namespace HealthRecords.Storage.Audit;

/// <summary>Which entries to list: any combination of record, institution, user and action (null = any).</summary>
public sealed record AuditQuery(string? RecordNumber = null, string? InstitutionCode = null, string? UserId = null, string? Action = null);

/// <summary>
/// A node's append-only, hash-chained log of accesses to residents' data (R-OS-2; R-AC-5 every read),
/// the same table at the city and at a district. An entry is committed before the answer leaves, so
/// no access goes unrecorded. Appends are serialised on the head row (see <see cref="AuditSchema"/>):
/// with several city processes on one PostgreSQL database the chain stays linear. Concurrent appends
/// of one process are committed in groups (<see cref="AuditGroupCommit"/>).
/// </summary>
public sealed class AccessAuditLog
{
    private readonly Database database;
    private readonly AuditGroupCommit _groups;

    public AccessAuditLog(Database database)
    {
        this.database = database;
        _groups = new AuditGroupCommit(entries => WriteAsync(entries, CancellationToken.None));
    }

    internal const string Columns =
        "audit_id AS AuditId, at_ms AS AtMs, caller_district AS CallerDistrict, institution_code AS InstitutionCode, staff AS Staff, " +
        "action AS Action, record_number AS RecordNumber, purpose AS Purpose, CAST(allowed AS BIGINT) AS Allowed, basis AS Basis, " +
        "CAST(authorization_method AS BIGINT) AS AuthorizationMethod, authorization_evidence AS AuthorizationEvidence, " +
        "user_id AS UserId, role AS Role, CAST(outcome_code AS BIGINT) AS OutcomeCode, outcome_reason AS OutcomeReason, " +
        "prev_hash AS PrevHash, entry_hash AS EntryHash";

    /// <returns>The entry's audit id, once the entry is committed.</returns>
    public Task<long> AppendAsync(AuditedAccess entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Not cancellable: an entry handed over is written even if its caller goes away.
        return _groups.AppendAsync(entry).WaitAsync(cancellationToken);
    }

    /// <summary>Chains and writes <paramref name="entries"/> in order, in one transaction under the head row.</summary>
    private async Task<IReadOnlyList<long>> WriteAsync(IReadOnlyList<AuditedAccess> entries, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var head = await LockHeadAsync(scope, cancellationToken).ConfigureAwait(false);
        if (head.LastAuditId < head.LegacyThrough)
            head = await ChainLegacyAsync(scope, head, cancellationToken).ConfigureAwait(false);
        var (lastId, lastHash) = (head.LastAuditId, head.LastHash);
        var ids = new List<long>(entries.Count);
        foreach (var entry in entries)
        {
            var chained = entry with { AuditId = lastId + 1 };
            var hash = AuditChain.Hash(chained, lastHash);
            await InsertAsync(scope, chained, lastHash, hash, cancellationToken).ConfigureAwait(false);
            (lastId, lastHash) = (chained.AuditId, hash);
            ids.Add(lastId);
        }
        await MoveHeadAsync(scope, lastId, lastHash, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private static Task InsertAsync(WriteScope scope, AuditedAccess chained, string prev, string hash, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO access_audit (audit_id, at_ms, caller_district, institution_code, staff, action, record_number, purpose, allowed, basis,
                authorization_method, authorization_evidence, user_id, role, outcome_code, outcome_reason, prev_hash, entry_hash)
            VALUES (@AuditId, @at, @CallerDistrict, @InstitutionCode, @Staff, @Action, @RecordNumber, @Purpose, @allowed, @Basis,
                @AuthorizationMethod, @AuthorizationEvidence, @UserId, @Role, @OutcomeCode, @OutcomeReason, @prev, @hash)
            """, new
            {
                chained.AuditId, at = chained.At.ToUnixTimeMilliseconds(), chained.CallerDistrict, chained.InstitutionCode, chained.Staff,
                chained.Action, chained.RecordNumber, chained.Purpose, allowed = chained.Allowed ? 1 : 0, chained.Basis,
                chained.AuthorizationMethod, chained.AuthorizationEvidence, chained.UserId, chained.Role, chained.OutcomeCode,
                chained.OutcomeReason, prev, hash,
            }, scope.Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Chains the entries written before the log was chained (city migration 10), once; a node calls
    /// it at start-up. Rows added later behind the node's back are never chained: verify finds them.
    /// </summary>
    public async Task ChainLegacyEntriesAsync(CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var head = await LockHeadAsync(scope, cancellationToken).ConfigureAwait(false);
        if (head.LastAuditId >= head.LegacyThrough)
            return;
        await ChainLegacyAsync(scope, head, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries of one record or (and) of one institution, oldest first, after <paramref name="afterId"/>.</summary>
    public Task<IReadOnlyList<AuditedAccess>> ListAsync(string? recordNumber, string? institutionCode, long afterId, int limit, CancellationToken cancellationToken) =>
        ListAsync(new AuditQuery(recordNumber, institutionCode), afterId, limit, cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, oldest first, after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<AuditedAccess>> ListAsync(AuditQuery query, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition($"""
            SELECT {Columns} FROM access_audit
            WHERE (@RecordNumber IS NULL OR record_number = @RecordNumber) AND (@InstitutionCode IS NULL OR institution_code = @InstitutionCode)
              AND (@UserId IS NULL OR user_id = @UserId) AND (@Action IS NULL OR action = @Action) AND audit_id > @afterId
            ORDER BY audit_id LIMIT @limit
            """, new { query.RecordNumber, query.InstitutionCode, query.UserId, query.Action, afterId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>Walks the whole chain, oldest first, and reports the first entry that breaks it.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var head = await connection.QuerySingleAsync<Head>(new CommandDefinition(HeadQuery, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {Columns} FROM access_audit ORDER BY audit_id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return AuditChainVerifier.Verify(rows, head.LastAuditId, head.LastHash);
    }

    private const string HeadQuery =
        "SELECT last_audit_id AS LastAuditId, last_hash AS LastHash, legacy_through AS LegacyThrough FROM access_audit_head WHERE head_id = 1";

    // The head row is the lock: SQLite's write transaction is exclusive already (BEGIN IMMEDIATE);
    // PostgreSQL takes the row lock, so concurrent appenders of several processes queue here.
    private async Task<Head> LockHeadAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        var forUpdate = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
        return await scope.Connection.QuerySingleAsync<Head>(new CommandDefinition(HeadQuery + forUpdate, transaction: scope.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<Head> ChainLegacyAsync(WriteScope scope, Head head, CancellationToken cancellationToken)
    {
        var legacy = await scope.Connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {Columns} FROM access_audit WHERE audit_id > @after AND audit_id <= @through ORDER BY audit_id",
            new { after = head.LastAuditId, through = head.LegacyThrough }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var previous = head.LastHash;
        foreach (var row in legacy)
        {
            var hash = AuditChain.Hash(row.ToEntry(), previous);
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE access_audit SET prev_hash = @previous, entry_hash = @hash WHERE audit_id = @AuditId",
                new { previous, hash, row.AuditId }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            previous = hash;
        }
        await MoveHeadAsync(scope, head.LegacyThrough, previous, cancellationToken).ConfigureAwait(false);
        return head with { LastAuditId = head.LegacyThrough, LastHash = previous };
    }

    private static Task MoveHeadAsync(WriteScope scope, long lastAuditId, string lastHash, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE access_audit_head SET last_audit_id = @lastAuditId, last_hash = @lastHash WHERE head_id = 1",
            new { lastAuditId, lastHash }, scope.Transaction, cancellationToken: cancellationToken));

    private sealed record Head(long LastAuditId, string LastHash, long LegacyThrough);
}
