using System.Text.Json;
using HealthRecords.Grains.Records;
using HealthRecords.Storage;
using Proto = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Benchmarks.Reconciliation;

internal enum CorruptionKind { Deleted, OwnerChanged, StatusChanged }

/// <summary>One district index row changed behind its node's back: deleted, given to another clinic of the district, or given another status.</summary>
internal sealed record IndexCorruption(int District, int Clinic, int Serial, CorruptionKind Kind, int OtherClinic, RecordStatus OtherStatus)
{
    private const string FileName = "corruption.json";

    /// <summary><paramref name="count"/> distinct records of random districts, clinics and kinds (seeded: every run corrupts the same ones).</summary>
    public static IReadOnlyList<IndexCorruption> Choose(GeneratedCity city, int count, int seed)
    {
        var random = new Random(seed);
        var chosen = new Dictionary<string, IndexCorruption>(StringComparer.Ordinal);
        while (chosen.Count < count)
        {
            var (d, c, s) = (random.Next(city.Districts), random.Next(city.ClinicsPerDistrict), 1 + random.Next(city.RecordsPerClinic));
            var kind = (CorruptionKind)random.Next(3);
            var other = (c + 1 + random.Next(city.ClinicsPerDistrict - 1)) % city.ClinicsPerDistrict;
            var status = city.Record(d, c, s).Status == RecordStatus.Active ? RecordStatus.Deceased : RecordStatus.Active;
            chosen.TryAdd(city.RecordNumber(d, c, s), new IndexCorruption(d, c, s, kind, other, status));
        }
        return chosen.Values.ToList();
    }

    /// <summary>
    /// Writes the corruptions into the districts' SQLite files while their nodes run, through
    /// <see cref="SqliteDatabase"/> connections (the triggers keep the district's digests, as they would
    /// for any statement). They are noted in the fixture first, so an interrupted run can be undone.
    /// </summary>
    public static async Task ApplyAsync(FixtureLayout layout, IReadOnlyList<IndexCorruption> corruptions)
    {
        await File.WriteAllTextAsync(Path.Combine(layout.Directory, FileName), JsonSerializer.Serialize(corruptions));
        foreach (var district in corruptions.GroupBy(c => c.District))
        {
            await using var database = new SqliteDatabase(layout.DistrictDatabasePath(district.Key));
            await using var scope = await database.BeginWriteAsync();
            foreach (var c in district)
            {
                await using var command = scope.Connection.CreateCommand();
                command.Transaction = scope.Transaction;
                command.CommandText = c.Kind switch
                {
                    CorruptionKind.Deleted => "DELETE FROM district_records WHERE record_number = $n",
                    CorruptionKind.OwnerChanged => $"UPDATE district_records SET owner_institution = '{layout.City.ClinicCode(c.District, c.OtherClinic)}' WHERE record_number = $n",
                    _ => $"UPDATE district_records SET status = {(int)c.OtherStatus} WHERE record_number = $n",
                };
                var number = command.CreateParameter();
                number.ParameterName = "$n";
                number.Value = layout.City.RecordNumber(c.District, c.Clinic, c.Serial);
                command.Parameters.Add(number);
                if (await command.ExecuteNonQueryAsync() != 1)
                    throw new InvalidOperationException($"Corrupting {number.Value} ({c.Kind}) changed no row: the fixture is not what it was generated as.");
            }
            await scope.CommitAsync();
        }
    }

    /// <summary>Puts back the generated rows of a corruption noted in the fixture (this run's or an interrupted one's); true if there was one.</summary>
    public static async Task<bool> RestoreAsync(FixtureLayout layout)
    {
        var path = Path.Combine(layout.Directory, FileName);
        if (!File.Exists(path))
            return false;
        var corruptions = JsonSerializer.Deserialize<List<IndexCorruption>>(await File.ReadAllTextAsync(path))!;
        foreach (var district in corruptions.GroupBy(c => c.District))
        {
            await using var database = new SqliteDatabase(layout.DistrictDatabasePath(district.Key));
            await using var scope = await database.BeginWriteAsync();
            foreach (var c in district)
                await IndexRowWriter.District.RestoreAsync(scope, layout.City.Record(c.District, c.Clinic, c.Serial));
            await scope.CommitAsync();
        }
        File.Delete(path);
        return true;
    }

    /// <summary>What the reconciliation must report for this record.</summary>
    public (Proto.FindingKind Kind, string[] Fields) ExpectedFinding => Kind switch
    {
        CorruptionKind.Deleted => (Proto.FindingKind.MissingAtDistrict, []),
        CorruptionKind.OwnerChanged => (Proto.FindingKind.FactsDiffer, ["owning_institution_code"]),
        _ => (Proto.FindingKind.FactsDiffer, ["status"]),
    };
}
