using System.Globalization;
using Dapper;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.City;

/// <summary>Services of a year given by one clinic (or, with no clinic, a whole district).</summary>
public sealed record YearWorkload(string DistrictCode, string InstitutionCode, long Services, long ResidentsServed, long ServicesToDeceased);

/// <summary>
/// R-CN-3: the year's workload counts every service given that year, whatever became of the
/// resident: a deceased resident's services of the year stay in it.
/// </summary>
public sealed class YearWorkloads(Database database)
{
    /// <summary>Per serving clinic, and per district (institution code empty), in one district or (null) the city.</summary>
    public async Task<IReadOnlyList<YearWorkload>> OfYearAsync(int year, string? districtCode, CancellationToken cancellationToken)
    {
        var args = new
        {
            from = $"{year.ToString("D4", CultureInfo.InvariantCulture)}-01-01", to = $"{(year + 1).ToString("D4", CultureInfo.InvariantCulture)}-01-01",
            districtCode, deceased = (long)RecordStatus.Deceased,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<YearWorkload>();
        foreach (var (groupBy, clinic) in new[] { ("s.district_code, s.institution_code", "s.institution_code"), ("s.district_code", "''") })
        {
            // Tuples, not the record's constructor: with no rows SQLite types the aggregates as BLOB, which Dapper's constructor match refuses.
            var found = await connection.QueryAsync<(string, string, long, long, long)>(new CommandDefinition($"""
                SELECT s.district_code AS DistrictCode, {clinic} AS InstitutionCode, COUNT(*) AS Services,
                       COUNT(DISTINCT s.record_number) AS ResidentsServed,
                       SUM(CASE WHEN r.status = @deceased THEN 1 ELSE 0 END) AS ServicesToDeceased
                FROM service_records s JOIN records r ON r.record_number = s.record_number
                WHERE s.service_date >= @from AND s.service_date < @to AND (@districtCode IS NULL OR s.district_code = @districtCode)
                GROUP BY {groupBy}
                """, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            rows.AddRange(found.Select(r => new YearWorkload(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)));
        }
        return rows;
    }
}
