using Dapper;

namespace HealthRecords.Storage.Tests;

/// <summary>Schema migration on SQLite and PostgreSQL alike.</summary>
public abstract class SchemaMigratorContract(IDatabaseProvider provider)
{
    private static readonly Migration One = new(1, "one", "CREATE TABLE one (id INTEGER PRIMARY KEY);");
    private static readonly Migration Three = new(3, "three", "CREATE TABLE three (id INTEGER PRIMARY KEY);");
    private static readonly Migration Four = new(4, "four", "CREATE TABLE four (id INTEGER PRIMARY KEY);");

    [Fact]
    public async Task NumbersWithAGap_AreApplied_AndTheMissingOneLater()
    {
        // Branches number their migrations independently: 4 may ship before 3 exists; 3 then runs alone.
        // Arrange
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, "test", [One, Four]);

        // Act
        await SchemaMigrator.MigrateAsync(database, "test", [Four, Three, One]);

        // Assert
        await using var connection = await database.OpenAsync();
        Assert.Equal([1, 3, 4], await connection.QueryAsync<int>("SELECT version FROM schema_migrations WHERE schema_name = 'test' ORDER BY version"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM three"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM four"));
    }
}

public sealed class SqliteSchemaMigratorTests(SqliteProvider provider) : SchemaMigratorContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresSchemaMigratorTests(PostgresProvider provider) : SchemaMigratorContract(provider);
