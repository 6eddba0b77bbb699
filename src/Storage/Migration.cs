namespace HealthRecords.Storage;

/// <summary>One numbered schema step. Sql runs on both dialects unless PostgresSql is given.</summary>
public sealed record Migration(int Version, string Name, string Sql, string? PostgresSql = null)
{
    public string SqlFor(SqlDialect dialect) => dialect == SqlDialect.Postgres && PostgresSql is not null ? PostgresSql : Sql;
}
