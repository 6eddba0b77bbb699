using Dapper;
using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.District;

/// <summary>
/// The district's copy of the city's index entries for its clinics' records. It changes only by
/// applying the city's events (<see cref="DistrictFeed"/>); this class reads it. A record that moved
/// to another district keeps its row with the new owner, so a lookup can tell where it went, but it
/// is no longer listed or counted here.
/// </summary>
public sealed class DistrictIndex(Database database, string districtCode)
{
    public async Task<IndexEntry?> GetAsync(string recordNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DistrictRecordRow>(new CommandDefinition(
            $"SELECT {DistrictRecordRow.Columns} FROM district_records WHERE record_number = @recordNumber", new { recordNumber },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToEntry();
    }

    /// <summary>Records owned in this district (optionally by one clinic), ordered by record number.</summary>
    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string? institutionCode, string? afterRecordNumber, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DistrictRecordRow>(new CommandDefinition($"""
            SELECT {DistrictRecordRow.Columns} FROM district_records
            WHERE owner_district = @districtCode AND (@institutionCode IS NULL OR owner_institution = @institutionCode)
              AND record_number > @after
            ORDER BY record_number LIMIT @limit
            """, new { districtCode, institutionCode, after = afterRecordNumber ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>R-TR-6: whether the record's copy at this clinic was closed by a transfer away from it.</summary>
    public async Task<bool> IsClosedAtAsync(string recordNumber, string institutionCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM district_closed_copies WHERE record_number = @recordNumber AND institution_code = @institutionCode",
            new { recordNumber, institutionCode }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <summary>R-CN-1: records per clinic of this district and status.</summary>
    public async Task<IReadOnlyList<StatusCount>> CountByOwnerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long, long)>(new CommandDefinition("""
            SELECT owner_institution, status, COUNT(*) FROM district_records
            WHERE owner_district = @districtCode
            GROUP BY owner_institution, status
            """, new { districtCode }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StatusCount(districtCode, r.Item1, (RecordStatus)r.Item2, r.Item3)).ToList();
    }
}
