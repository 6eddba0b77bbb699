using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>One record's R-CN-4 findings, each with the district of the clinic answerable for it.</summary>
internal sealed record EvaluatedRecord(string RecordNumber, string OwnerInstitution, string OwnerDistrict, IReadOnlyList<DistrictFinding> Findings);

/// <summary>
/// Streams the records of a scope in pages ordered by record number and evaluates each page in memory
/// (<see cref="RecordQualityChecks"/>, open duplicate candidates): three queries a page — the records,
/// all their services, their open review-queue pairs — so a city of millions is never loaded whole.
/// A scope's records are those its clinics own and those they uploaded late to (R-RC-4); merged
/// records are retired and left out (R-MG-3).
/// </summary>
internal sealed class QualityRecordPages(Database database, IdentityProtector protector, PolicyProfile policy, int pageSize)
{
    private static readonly string Live = $"status <> {DuplicateSchema.MergedStatus}";

    public async IAsyncEnumerable<IReadOnlyList<EvaluatedRecord>> PagesAsync(
        QualityScope scope, string? afterRecordNumber, DateOnly today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterRecordNumber ?? "";
        while (true)
        {
            var rows = await ReadScopeAsync(scope, after, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
                yield break;
            yield return await EvaluateAsync(rows, today, cancellationToken).ConfigureAwait(false);
            if (rows.Count < pageSize)
                yield break;
            after = rows[^1].RecordNumber;
        }
    }

    /// <summary>One record, evaluated; empty when there is none or it is merged.</summary>
    public async Task<IReadOnlyList<EvaluatedRecord>> OneAsync(string recordNumber, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<RecordRow>(new CommandDefinition(
            $"SELECT {RecordRow.Columns} FROM records WHERE record_number = @recordNumber AND {Live}",
            new { recordNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return rows.Count == 0 ? [] : await EvaluateAsync(rows, today, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<RecordRow>> ReadScopeAsync(QualityScope scope, string after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(ScopeSql(scope),
            new { after, limit = pageSize, district = scope.DistrictCode, institution = scope.InstitutionCode },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    // The next page of the scope is the first n of (the next n owned) ∪ (the next n served late),
    // each read along its own index; both exclude merged records so a short page means the end.
    private static string ScopeSql(QualityScope scope)
    {
        if (scope.IsCity)
            return $"SELECT {RecordRow.Columns} FROM records WHERE {Live} AND record_number > @after ORDER BY record_number LIMIT @limit";
        var clinic = scope.InstitutionCode is null ? "" : "AND owner_institution = @institution";
        var servingClinic = scope.InstitutionCode is null ? "" : "AND s.institution_code = @institution";
        return $"""
            SELECT {RecordRow.Columns} FROM records WHERE record_number IN (
                SELECT record_number FROM (
                    SELECT record_number FROM records WHERE owner_district = @district {clinic} AND {Live} AND record_number > @after
                    ORDER BY record_number LIMIT @limit) owned
                UNION
                SELECT record_number FROM (
                    SELECT DISTINCT s.record_number FROM service_records s JOIN records r ON r.record_number = s.record_number
                    WHERE s.late = 1 AND s.district_code = @district {servingClinic} AND s.record_number > @after AND r.{Live}
                    ORDER BY s.record_number LIMIT @limit) served)
            ORDER BY record_number LIMIT @limit
            """;
    }

    private async Task<IReadOnlyList<EvaluatedRecord>> EvaluateAsync(IReadOnlyList<RecordRow> rows, DateOnly today, CancellationToken cancellationToken)
    {
        var numbers = rows.Select(r => r.RecordNumber).ToList();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (oneOfNumbers, values) = database.OneOf("record_number", "numbers", numbers);
        var services = (await connection.QueryAsync<(string RecordNumber, string District, string Payload)>(new CommandDefinition(
                $"SELECT record_number, district_code, payload FROM service_records WHERE {oneOfNumbers}", new { numbers = values },
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(s => (s.RecordNumber, s.District, Service: JsonSerializer.Deserialize<ServiceRecord>(s.Payload, StorageJson.Options)!))
            .ToLookup(s => s.RecordNumber, StringComparer.Ordinal);
        var (oneOfFirst, firsts) = database.OneOf("first_number", "firsts", numbers);
        var (oneOfSecond, seconds) = database.OneOf("second_number", "seconds", numbers);
        var pairs = await connection.QueryAsync<(string PairKey, string First, string Second)>(new CommandDefinition(
            $"SELECT pair_key, first_number, second_number FROM duplicate_reviews WHERE status = 1 AND ({oneOfFirst} OR {oneOfSecond})",
            new { firsts, seconds }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var openPairs = pairs.SelectMany(p => new[] { (Number: p.First, p.PairKey), (Number: p.Second, p.PairKey) })
            .ToLookup(p => p.Number, p => p.PairKey, StringComparer.Ordinal);
        return rows.Select(row => Evaluate(row, services[row.RecordNumber].ToList(), openPairs[row.RecordNumber], today)).ToList();
    }

    private EvaluatedRecord Evaluate(RecordRow row, IReadOnlyList<(string RecordNumber, string District, ServiceRecord Service)> services,
        IEnumerable<string> openPairs, DateOnly today)
    {
        var record = row.ToState(protector); // R-AC-6: decrypted in memory for the ID-number checks only, never returned
        // A late upload is the serving clinic's, in the district that relayed it; everything else is the owner's.
        var servingDistrict = services.ToDictionary(s => s.Service.UploadId, s => s.District, StringComparer.Ordinal);
        var findings = RecordQualityChecks.Check(record, [.. services.Select(s => s.Service)], today, policy)
            .Concat(openPairs.Select(pair => RecordQualityChecks.OpenDuplicate(record, pair)))
            .Select(f => new DistrictFinding(f, f.Kind == QualityFindingKind.LateUpload ? servingDistrict[f.Field] : row.OwnerDistrict))
            .ToList();
        return new(row.RecordNumber, row.OwnerInstitution, row.OwnerDistrict, findings);
    }
}
