namespace HealthRecords.Storage;

/// <summary>Storage settings of a node: SQLite in its data directory unless a PostgreSQL connection string is given.</summary>
public sealed class StorageOptions
{
    public string DataDirectory { get; set; } = "data";

    /// <summary>File name of the SQLite database inside <see cref="DataDirectory"/>.</summary>
    public string SqliteFileName { get; set; } = "node.db";

    public string? PostgresConnectionString { get; set; }
}

public static class DatabaseFactory
{
    public static Database Create(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? new SqliteDatabase(Path.Combine(options.DataDirectory, options.SqliteFileName))
            : new PostgresDatabase(options.PostgresConnectionString);
}
