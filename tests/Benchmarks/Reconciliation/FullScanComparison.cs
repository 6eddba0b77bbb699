using System.Data.Common;
using System.Diagnostics;
using HealthRecords.Storage;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>
/// The baseline: what digests avoid. Reads every index row's facts from the city's database and from
/// every district's, in record-number order, and compares them row by row (a merge join). It runs in
/// the benchmark process straight on the SQLite files, so it pays no network, no serialisation and no
/// second process: a lower bound of any comparison that ships the rows.
/// </summary>
internal static class FullScanComparison
{
    private const string Facts = "SELECT record_number, owner_institution, owner_district, status, version FROM {0} ORDER BY record_number";

    public sealed record Result(TimeSpan Elapsed, long CityRows, long DistrictRows, IReadOnlyList<string> Differing);

    public static async Task<Result> RunAsync(FixtureLayout layout)
    {
        var watch = Stopwatch.StartNew();
        var differing = new List<string>();
        long districtRows = 0;
        await using var cityDatabase = new SqliteDatabase(layout.CityDatabasePath);
        await using var cityConnection = await cityDatabase.OpenAsync();
        using var city = await Cursor.OpenAsync(cityConnection, "records");
        // The districts' record numbers start with their district code, so their files in code order are one sorted stream.
        for (var d = 0; d < layout.City.Districts; d++)
        {
            await using var districtDatabase = new SqliteDatabase(layout.DistrictDatabasePath(d));
            await using var districtConnection = await districtDatabase.OpenAsync();
            using var district = await Cursor.OpenAsync(districtConnection, "district_records");
            var code = layout.City.DistrictCode(d);
            while (district.Current is not null || (city.Current is { } c && c.Number.StartsWith(code, StringComparison.Ordinal)))
            {
                var order = city.Current is null ? 1 : district.Current is null ? -1 : string.CompareOrdinal(city.Current.Value.Number, district.Current.Value.Number);
                if (order < 0)
                    differing.Add(city.Take().Number); // missing at the district
                else if (order > 0)
                    differing.Add(district.Take().Number); // unknown to the city
                else if (city.Take() is var atCity && district.Take() != atCity)
                    differing.Add(atCity.Number);
            }
            districtRows += district.Rows;
        }
        while (city.Current is not null) // records of no generated district
            differing.Add(city.Take().Number);
        return new Result(watch.Elapsed, city.Rows, districtRows, differing);
    }

    /// <summary>One table's facts in record-number order, a row ahead.</summary>
    private sealed class Cursor(DbCommand command, DbDataReader reader) : IDisposable
    {
        public (string Number, string Owner, string OwnerDistrict, long Status, long Version)? Current { get; private set; }

        public long Rows { get; private set; }

        public static async Task<Cursor> OpenAsync(DbConnection connection, string table)
        {
            // The command lives as long as its reader: disposing a SqliteCommand closes the readers it opened.
            var command = connection.CreateCommand();
            command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, Facts, table);
            var cursor = new Cursor(command, await command.ExecuteReaderAsync());
            cursor.Take();
            return cursor;
        }

        /// <summary>The current row, moving to the next. Synchronous: SQLite reads are, and an async step per row would be this baseline's own overhead.</summary>
        public (string Number, string Owner, string OwnerDistrict, long Status, long Version) Take()
        {
            var taken = Current;
            if (reader.Read())
            {
                Rows++;
                Current = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4));
            }
            else
            {
                Current = null;
            }
            return taken.GetValueOrDefault();
        }

        public void Dispose()
        {
            reader.Dispose();
            command.Dispose();
        }
    }
}
