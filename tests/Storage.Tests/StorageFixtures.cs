using HealthRecords.Storage;
using HealthRecords.TestSupport;

namespace HealthRecords.Storage.Tests;

/// <summary>Gives each test a fresh, empty database of one kind.</summary>
public interface IDatabaseProvider
{
    Task<Database> CreateAsync();

    /// <summary>The same database opened anew, as a restarted node opens it; <paramref name="database"/> is closed.</summary>
    Task<Database> ReopenAsync(Database database);
}

public sealed class SqliteProvider : IDatabaseProvider, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hr-sqlite-{Guid.NewGuid():N}");

    public Task<Database> CreateAsync() =>
        Task.FromResult<Database>(new SqliteDatabase(Path.Combine(_dir, $"{Guid.NewGuid():N}.db")));

    public async Task<Database> ReopenAsync(Database database)
    {
        var path = ((SqliteDatabase)database).Path;
        await database.DisposeAsync();
        return new SqliteDatabase(path);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One private PostgreSQL server for all PostgreSQL storage tests; a new database per test.</summary>
public sealed class PostgresProvider : IDatabaseProvider, IAsyncLifetime
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Database, string> _connectionStrings = new();
    private PostgresServer? _server;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task<Database> CreateAsync() => Opened(await _server!.CreateDatabaseAsync($"t{Guid.NewGuid():N}"));

    public async Task<Database> ReopenAsync(Database database)
    {
        _connectionStrings.TryRemove(database, out var connectionString);
        await database.DisposeAsync();
        return Opened(connectionString!);
    }

    private PostgresDatabase Opened(string connectionString)
    {
        var database = new PostgresDatabase(connectionString);
        _connectionStrings[database] = connectionString;
        return database;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresProvider>;
