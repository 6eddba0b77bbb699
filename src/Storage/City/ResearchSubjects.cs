using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Research;
using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>
/// The records in a research export's scope with their service counts by kind (R-AC-4), read inside
/// the approval's transaction so that what was approved is what is exported.
/// </summary>
internal static class ResearchSubjects
{
    public static async Task<IReadOnlyList<ResearchSubject>> InScopeAsync(Database database, WriteScope scope, ResearchExportScope exportScope, CancellationToken cancellationToken)
    {
        var (districtCondition, districts) = database.OneOf("r.owner_district", "districts", exportScope.DistrictCodes);
        var where = $"""
            WHERE (@anyDistrict = 1 OR {districtCondition})
              AND (@fromMs IS NULL OR r.enrolled_at_ms >= @fromMs)
              AND (@beforeMs IS NULL OR r.enrolled_at_ms < @beforeMs)
            """;
        var parameters = new
        {
            anyDistrict = exportScope.DistrictCodes.Count == 0 ? 1 : 0,
            districts,
            fromMs = exportScope.StartsAt?.ToUnixTimeMilliseconds(),
            beforeMs = exportScope.EndsBefore?.ToUnixTimeMilliseconds(),
        };
        // The record grain's own row mapping, so that the profile is read however it is stored.
        var records = await scope.Connection.QueryAsync<RecordRow>(new CommandDefinition(
            $"SELECT {Prefixed(RecordRow.Columns)} FROM records r {where} ORDER BY r.record_number", parameters, scope.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var services = await scope.Connection.QueryAsync<(string RecordNumber, string Payload)>(new CommandDefinition(
            $"SELECT s.record_number, s.payload FROM service_records s JOIN records r ON r.record_number = s.record_number {where}", parameters, scope.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var counts = services
            .GroupBy(s => s.RecordNumber)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<ServiceKind, long>)g
                .GroupBy(s => JsonSerializer.Deserialize<KindOnly>(s.Payload, StorageJson.Options)!.Kind)
                .ToDictionary(k => k.Key, k => (long)k.Count()));
        return records.Select(row =>
        {
            var state = row.ToState();
            return new ResearchSubject(state.Number.Value, state.Profile.DateOfBirth, state.Profile.Sex, state.OwnerDistrict, state.Status,
                counts.GetValueOrDefault(state.Number.Value) ?? new Dictionary<ServiceKind, long>());
        }).ToList();
    }

    private static string Prefixed(string columns) => string.Join(", ", columns.Split(',').Select(c => "r." + c.Trim()));

    private sealed class KindOnly
    {
        public ServiceKind Kind { get; init; }
    }
}
