using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HealthRecords.Storage;

/// <summary>An embedded SQLite file in WAL mode with full fsync: acknowledged writes survive a crash.</summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;
    // SQLite has one writer per file; queueing writers in-process beats spinning on SQLITE_BUSY.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout.
            DefaultTimeout = 30,
            ForeignKeys = true,
        }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string Description => $"SQLite {Path}";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Digests.SqliteDigestFunctions.Register(connection);
        return connection;
    }

    public override async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
            // Full fsync at commit: an acknowledged write survives power loss, not only a process crash.
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=FULL";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var transaction = connection.BeginTransaction(deferred: false);
            return new WriteScope(connection, transaction, new GateRelease(_writeGate));
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    // SQLITE_CONSTRAINT (19) with extended code UNIQUE (2067) or PRIMARYKEY (1555).
    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
