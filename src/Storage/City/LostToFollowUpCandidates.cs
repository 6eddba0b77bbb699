using System.Globalization;
using Dapper;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;

namespace HealthRecords.Storage.City;

/// <summary>An active record nobody has served (nor enrolled) since the cut-off date (R-ST-2).</summary>
public sealed record LostToFollowUpCandidate(RecordState Record, DateOnly? LastServiceDate);

/// <summary>
/// R-ST-2: reads the records a clinic could propose as lost to follow-up, and a record's last service
/// date; the decision itself (and the person confirming it) is <see cref="LifecycleDecider"/>'s.
/// </summary>
public sealed class LostToFollowUpCandidates(Database database, Security.IdentityProtector protector)
{
    /// <summary>Active records of the clinic with neither service nor enrollment on or after <paramref name="cutoff"/>, by record number.</summary>
    public async Task<IReadOnlyList<LostToFollowUpCandidate>> ListAsync(string institutionCode, DateOnly cutoff, string? afterRecordNumber, int limit,
        CancellationToken cancellationToken)
    {
        var cutoffStartMs = new DateTimeOffset(cutoff.ToDateTime(TimeOnly.MinValue), CityTime.Offset).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CandidateRow>(new CommandDefinition($"""
            SELECT {RecordRow.Columns}, last_service_date AS LastServiceDate FROM records
            WHERE owner_institution = @institutionCode AND status = @active
              AND enrolled_at_ms < @cutoffStartMs AND (last_service_date IS NULL OR last_service_date < @cutoff)
              AND record_number > @after
            ORDER BY record_number LIMIT @limit
            """,
            new
            {
                institutionCode, active = (long)RecordStatus.Active, cutoffStartMs, cutoff = cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                after = afterRecordNumber ?? "", limit,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new LostToFollowUpCandidate(r.ToState(protector), ParseDate(r.LastServiceDate))).ToList();
    }

    public async Task<DateOnly?> LastServiceDateAsync(string recordNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return ParseDate(await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT last_service_date FROM records WHERE record_number = @recordNumber", new { recordNumber },
            cancellationToken: cancellationToken)).ConfigureAwait(false));
    }

    private static DateOnly? ParseDate(string? iso) => iso is null ? null : DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class CandidateRow : RecordRow
    {
        public string? LastServiceDate { get; set; }
    }
}
