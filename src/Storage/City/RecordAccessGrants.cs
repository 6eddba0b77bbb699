using Dapper;
using HealthRecords.Grains.Access;

namespace HealthRecords.Storage.City;

/// <summary>
/// The city's resident-code challenges and access grants (R-AC-2). Grants are kept after they
/// expire: they are part of the record's access history.
/// </summary>
public sealed class RecordAccessGrants(Database database)
{
    public const string Sql = """
        CREATE TABLE resident_code_challenges (
            challenge_id TEXT PRIMARY KEY,
            record_number TEXT NOT NULL,
            institution_code TEXT NOT NULL,
            user_name TEXT NOT NULL,
            purpose TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            sent_to TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            expires_at_ms BIGINT NOT NULL,
            attempts_left INTEGER NOT NULL,
            used INTEGER NOT NULL
        );
        CREATE TABLE access_grants (
            grant_id TEXT PRIMARY KEY,
            basis INTEGER NOT NULL,
            record_number TEXT NOT NULL,
            institution_code TEXT NOT NULL,
            user_name TEXT NOT NULL,
            reason TEXT NOT NULL,
            granted_at_ms BIGINT NOT NULL,
            expires_at_ms BIGINT NOT NULL
        );
        CREATE INDEX access_grants_record ON access_grants (record_number, granted_at_ms);
        """;

    public async Task AddChallengeAsync(ResidentCodeChallenge c, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO resident_code_challenges (challenge_id, record_number, institution_code, user_name, purpose, code_hash, sent_to,
                created_at_ms, expires_at_ms, attempts_left, used)
            VALUES (@ChallengeId, @RecordNumber, @Institution, @User, @Purpose, @CodeHash, @SentTo, @created, @expires, @AttemptsLeft, 0)
            """, new { c.ChallengeId, c.RecordNumber, c.Institution, c.User, c.Purpose, c.CodeHash, c.SentTo,
                created = c.CreatedAt.ToUnixTimeMilliseconds(), expires = c.ExpiresAt.ToUnixTimeMilliseconds(), c.AttemptsLeft },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decides a presented code inside one write transaction (the challenge row is re-read there), so
    /// two presentations of one code cannot both succeed; stores the tried challenge and any grant.
    /// </summary>
    public async Task<CodeConfirmation?> ConfirmAsync(string challengeId, Func<ResidentCodeChallenge, CodeConfirmation> decide, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var forUpdate = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
        var row = await scope.Connection.QuerySingleOrDefaultAsync<ChallengeRow>(new CommandDefinition($"""
            SELECT challenge_id AS ChallengeId, record_number AS RecordNumber, institution_code AS Institution, user_name AS UserName, purpose AS Purpose,
                code_hash AS CodeHash, sent_to AS SentTo, created_at_ms AS CreatedAtMs, expires_at_ms AS ExpiresAtMs,
                CAST(attempts_left AS BIGINT) AS AttemptsLeft, CAST(used AS BIGINT) AS Used
            FROM resident_code_challenges WHERE challenge_id = @challengeId{forUpdate}
            """, new { challengeId }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
            return null;
        var outcome = decide(row.ToDomain());
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE resident_code_challenges SET attempts_left = @AttemptsLeft, used = @used WHERE challenge_id = @ChallengeId",
            new { outcome.Challenge.AttemptsLeft, used = outcome.Challenge.Used ? 1 : 0, outcome.Challenge.ChallengeId },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (outcome.Grant is { } grant)
            await InsertGrantAsync(scope, grant, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Stores a grant and, in the same transaction, what must happen with it (e.g. telling the owner).</summary>
    /// <returns>The stored grant: the new one, or the one already stored under its id (a repeated request).</returns>
    public async Task<AccessGrant> AddGrantAsync(AccessGrant grant, Func<WriteScope, Task>? alongside, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var existing = await GetAsync(scope.Connection, scope.Transaction, grant.GrantId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return existing;
        await InsertGrantAsync(scope, grant, cancellationToken).ConfigureAwait(false);
        if (alongside is not null)
            await alongside(scope).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return grant;
    }

    /// <summary>Grants of one record, newest first, after the page key <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<AccessGrant>> ForRecordAsync(string recordNumber, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition($"""
            SELECT {GrantColumns} FROM access_grants
            WHERE record_number = @recordNumber
              AND (@afterMs IS NULL OR granted_at_ms < @afterMs OR (granted_at_ms = @afterMs AND grant_id < @afterId))
            ORDER BY granted_at_ms DESC, grant_id DESC LIMIT @limit
            """, new { recordNumber, afterMs = after?.AtMs, afterId = after?.Id, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>Grants of one user of one institution for one record that are still in force at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<AccessGrant>> InForceAsync(string recordNumber, string institution, string user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition($"""
            SELECT {GrantColumns} FROM access_grants
            WHERE record_number = @recordNumber AND institution_code = @institution AND user_name = @user AND expires_at_ms > @nowMs
            """, new { recordNumber, institution, user, nowMs = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    private const string GrantColumns =
        "grant_id AS GrantId, CAST(basis AS BIGINT) AS Basis, record_number AS RecordNumber, institution_code AS Institution, user_name AS UserName, " +
        "reason AS Reason, granted_at_ms AS GrantedAtMs, expires_at_ms AS ExpiresAtMs";

    private static async Task<AccessGrant?> GetAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string grantId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition($"SELECT {GrantColumns} FROM access_grants WHERE grant_id = @grantId",
            new { grantId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToDomain();

    private static Task InsertGrantAsync(WriteScope scope, AccessGrant g, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO access_grants (grant_id, basis, record_number, institution_code, user_name, reason, granted_at_ms, expires_at_ms)
            VALUES (@GrantId, @basis, @RecordNumber, @Institution, @User, @Reason, @granted, @expires)
            """, new { g.GrantId, basis = (int)g.Basis, g.RecordNumber, g.Institution, g.User, g.Reason,
                granted = g.GrantedAt.ToUnixTimeMilliseconds(), expires = g.ExpiresAt.ToUnixTimeMilliseconds() },
            scope.Transaction, cancellationToken: cancellationToken));

    private sealed class ChallengeRow
    {
        public string ChallengeId { get; init; } = "";
        public string RecordNumber { get; init; } = "";
        public string Institution { get; init; } = "";
        public string UserName { get; init; } = "";
        public string Purpose { get; init; } = "";
        public string CodeHash { get; init; } = "";
        public string SentTo { get; init; } = "";
        public long CreatedAtMs { get; init; }
        public long ExpiresAtMs { get; init; }
        public long AttemptsLeft { get; init; }
        public long Used { get; init; }

        public ResidentCodeChallenge ToDomain() => new(ChallengeId, RecordNumber, Institution, UserName, Purpose, CodeHash, SentTo,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs), (int)AttemptsLeft, Used != 0);
    }

    private sealed class GrantRow
    {
        public string GrantId { get; init; } = "";
        public long Basis { get; init; }
        public string RecordNumber { get; init; } = "";
        public string Institution { get; init; } = "";
        public string UserName { get; init; } = "";
        public string Reason { get; init; } = "";
        public long GrantedAtMs { get; init; }
        public long ExpiresAtMs { get; init; }

        public AccessGrant ToDomain() => new(GrantId, (AccessBasis)Basis, RecordNumber, Institution, UserName, Reason,
            DateTimeOffset.FromUnixTimeMilliseconds(GrantedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs));
    }
}
