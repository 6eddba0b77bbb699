using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Tests;

/// <summary>The city's per-year figures answer for a year without services too (SQLite types empty aggregates as BLOB).</summary>
public abstract class YearFiguresContract(IDatabaseProvider provider)
{
    [Fact]
    public async Task YearWithoutServices_HasNoWorkloadsAndNoOffsiteCounts()
    {
        // R-CN-3, R-OS-5
        // Arrange
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);

        // Act
        var workloads = await new YearWorkloads(database).OfYearAsync(2026, null, default);
        var offsite = await new OffsiteServiceCounts(database).OfYearAsync(2026, "500103", default);

        // Assert
        Assert.Empty(workloads);
        Assert.Empty(offsite);
    }
}

public sealed class SqliteYearFiguresTests(SqliteProvider provider) : YearFiguresContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresYearFiguresTests(PostgresProvider provider) : YearFiguresContract(provider);
