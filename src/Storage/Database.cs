using System.Data.Common;

namespace HealthRecords.Storage;

public enum SqlDialect { Sqlite, Postgres }

/// <summary>One node's database: opens connections and knows its dialect's few differences.</summary>
public abstract class Database : IAsyncDisposable
{
    static Database() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public abstract SqlDialect Dialect { get; }

    /// <summary>Where the data lives, for logs (never includes a password).</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a write transaction. SQLite takes its single write lock up front (BEGIN IMMEDIATE) so
    /// that two writers never deadlock upgrading a read lock; PostgreSQL uses row locks.
    /// </summary>
    public abstract Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken = default);

    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// "<paramref name="column"/> is one of <paramref name="values"/>": the condition, and the value to bind
    /// as <c>@<paramref name="parameter"/></c>, made together so they always match the dialect. One
    /// parameter whatever the count, so the statement is prepared once: PostgreSQL takes the array whole
    /// (<c>= ANY</c>); SQLite gets it as JSON (Dapper's <c>IN @p</c> would bind one parameter per element
    /// and compile a new statement for every batch size, which dominated batch writes).
    /// </summary>
    public (string Condition, object Value) OneOf<T>(string column, string parameter, IEnumerable<T> values) =>
        Dialect == SqlDialect.Postgres
            ? ($"{column} = ANY(@{parameter})", values.ToArray())
            : ($"{column} IN (SELECT value FROM json_each(@{parameter}))", System.Text.Json.JsonSerializer.Serialize(values));

    public abstract ValueTask DisposeAsync();
}

/// <summary>A connection with an open write transaction; disposing without Commit rolls back.</summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, IDisposable? gate) : IAsyncDisposable
{
    private List<Action>? _afterCommit;

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (never on rollback), e.g. to wake readers of what it wrote.</summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var action in _afterCommit ?? [])
            action();
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        gate?.Dispose();
    }
}
