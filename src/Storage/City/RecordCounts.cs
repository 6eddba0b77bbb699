using Dapper;
using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.City;

/// <summary>The master index counted by owner and status: the city's side of R-CN-1.</summary>
public sealed class RecordCounts(Database database)
{
    /// <summary>Records per owning clinic and status, in one district or (null) the whole city.</summary>
    public async Task<IReadOnlyList<StatusCount>> ByOwnerAsync(string? districtCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, string, long, long)>(new CommandDefinition("""
            SELECT owner_district, owner_institution, status, COUNT(*) FROM records
            WHERE @districtCode IS NULL OR owner_district = @districtCode
            GROUP BY owner_district, owner_institution, status
            """, new { districtCode }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StatusCount(r.Item1, r.Item2, (RecordStatus)r.Item3, r.Item4)).ToList();
    }
}
