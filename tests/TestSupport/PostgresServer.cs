using System.Diagnostics;
using Npgsql;

namespace HealthRecords.TestSupport;

/// <summary>
/// A private PostgreSQL 15 server for tests and benchmarks (ARCHITECTURE.md): its own data directory
/// and port, started with pg_ctl, run as the postgres user when we are root (initdb refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;

    private PostgresServer(string dataDirectory, int port, bool asPostgresUser)
    {
        _dataDirectory = dataDirectory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing): apt-get install -y postgresql-15.");
        var root = Environment.UserName == "root";
        var dir = Path.Combine(Path.GetTempPath(), $"hr-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (root)
            await RunAsync("chown", ["postgres:postgres", dir], asPostgres: false);
        var server = new PostgresServer(dir, FreePort.Next(), root);
        await server.RunToolAsync("initdb", ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        // fsync stays on: crash tests must see PostgreSQL's real durability.
        await server.RunToolAsync("pg_ctl", ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=256MB", "start"]);
        return server;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 200,
        Timeout = 30,
    }.ToString();

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private Task RunToolAsync(string tool, string[] args) =>
        RunAsync(Path.Combine(BinDirectory, tool), args, _asPostgresUser);

    private static async Task RunAsync(string file, string[] args, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
