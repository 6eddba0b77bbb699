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
    /// "column is one of the array parameter": Dapper expands <c>IN @p</c> into a list for SQLite, but
    /// hands Npgsql the array whole, where PostgreSQL wants <c>= ANY(@p)</c>.
    /// </summary>
    public string InArray(string column, string parameter) =>
        Dialect == SqlDialect.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    public abstract ValueTask DisposeAsync();
}

/// <summary>A connection with an open write transaction; disposing without Commit rolls back.</summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, IDisposable? gate) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        gate?.Dispose();
    }
}
