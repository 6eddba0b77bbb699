using System.Globalization;
using Dapper;

namespace HealthRecords.Storage.City;

/// <summary>Off-site services of a year for one clinic (or, with no clinic, a district): given for others, and received elsewhere.</summary>
public sealed record OffsiteServiceCount(string DistrictCode, string InstitutionCode, long ServedForOthers, long ServedElsewhere);

/// <summary>
/// R-OS-5: the serving clinic is credited with its off-site services; the owner's side counts its
/// residents served elsewhere by the owner the record had when the service was accepted.
/// </summary>
public sealed class OffsiteServiceCounts(Database database)
{
    /// <summary>Non-zero counts per clinic and per district (institution code empty), in one district or (null) the city.</summary>
    public async Task<IReadOnlyList<OffsiteServiceCount>> OfYearAsync(int year, string? districtCode, CancellationToken cancellationToken)
    {
        var args = new
        {
            from = $"{year.ToString("D4", CultureInfo.InvariantCulture)}-01-01", to = $"{(year + 1).ToString("D4", CultureInfo.InvariantCulture)}-01-01", districtCode,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<(string, string), (long Served, long Received)>();
        foreach (var (district, institution, served) in new[] { ("district_code", "institution_code", true), ("owner_district", "owner_institution", false) })
        foreach (var clinic in new[] { institution, "''" })
        {
            var rows = await connection.QueryAsync<(string, string, long)>(new CommandDefinition($"""
                SELECT {district}, {clinic}, COUNT(*) FROM service_records
                WHERE offsite = 1 AND service_date >= @from AND service_date < @to AND (@districtCode IS NULL OR {district} = @districtCode)
                GROUP BY {district}{(clinic == institution ? ", " + institution : "")}
                """, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (d, i, n) in rows)
            {
                var now = counts.GetValueOrDefault((d, i));
                counts[(d, i)] = served ? (now.Served + n, now.Received) : (now.Served, now.Received + n);
            }
        }
        return counts.Select(c => new OffsiteServiceCount(c.Key.Item1, c.Key.Item2, c.Value.Served, c.Value.Received)).ToList();
    }
}
