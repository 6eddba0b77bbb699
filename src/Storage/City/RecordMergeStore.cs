using Dapper;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.City;

/// <summary>
/// What committing a decided merge needs: the pair as read (its version is checked), the review's
/// events, the merge decided, and both records as they were read (their versions are checked).
/// </summary>
public sealed record MergeWrite(
    QueuedDuplicate Review,
    IReadOnlyList<DuplicateReviewEvent> ReviewEvents,
    MergeDecision.Merge Merge,
    RecordState Survivor,
    RecordState MergedAway,
    string MergeId);

/// <summary>
/// R-MG-1..3 at the city: a confirmed merge is one transaction — both records version-checked with
/// their journals, the merged-away record's services moved to the survivor, the merge kept for
/// inspection, the review decided and both owning districts told — so a crash leaves either all of
/// it or none, and a stale read of any part changes nothing.
/// </summary>
public sealed class RecordMergeStore(Database database, SqlRecordStore records, DuplicateReviewStore reviews, DistrictEventLog districtLogs)
{
    /// <summary>The merge as committed, or null when a record or the pair moved on since it was read (decide again).</summary>
    public async Task<RecordMerge?> TryMergeAsync(MergeWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var plan = write.Merge.Plan;
        var retired = write.Merge.MergedAwayEvents.OfType<RecordMergedInto>().Single();
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // PostgreSQL: both rows locked in record-number order first, so two merges sharing a record wait
        // for each other instead of deadlocking (SQLite has one writer at a time).
        if (database.Dialect == SqlDialect.Postgres)
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "SELECT record_number FROM records WHERE record_number IN (@first, @second) ORDER BY record_number FOR UPDATE",
                new { first = plan.Pair.First, second = plan.Pair.Second }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // The merged-away record first: retired, it leaves the identity's uniqueness (R-ID-1) for the survivor to take.
        var awayNext = write.MergedAway.ApplyAll(write.Merge.MergedAwayEvents);
        var awayDeliveries = await records.TryUpdateAsync(scope, awayNext, write.MergedAway.Version, write.Merge.MergedAwayEvents, cancellationToken).ConfigureAwait(false);
        if (awayDeliveries is null)
            return null;
        var survivorNext = write.Survivor.ApplyAll(write.Merge.SurvivorEvents);
        var survivorDeliveries = await records.TryUpdateAsync(scope, survivorNext, write.Survivor.Version, write.Merge.SurvivorEvents, cancellationToken).ConfigureAwait(false);
        if (survivorDeliveries is null)
            return null;
        // An imported record held for review beside the enrolled one (R-ID-1) is the live record once it survives.
        await scope.Connection.ExecuteAsync(new CommandDefinition("UPDATE records SET held_for_review = 0 WHERE record_number = @number",
            new { number = plan.SurvivorNumber }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!await reviews.TryAppendAsync(scope, write.Review, write.ReviewEvents, cancellationToken).ConfigureAwait(false))
            return null;
        var moved = await MoveServicesAsync(scope, plan.SurvivorNumber, plan.MergedAwayNumber, cancellationToken).ConfigureAwait(false);
        var merge = new RecordMerge(write.MergeId, plan.Pair, plan.SurvivorNumber, plan.MergedAwayNumber, retired.RequestId, retired.ConfirmedBy,
            retired.OccurredAt, plan.Sources, moved);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO record_merges ({RecordMergeRow.Columns}) VALUES (@MergeId, @PairKey, @SurvivorNumber, @MergedAwayNumber, @RequestId, @ConfirmedBy, @MergedAtMs, @Plan)",
            RecordMergeRow.From(merge), scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await districtLogs.AppendAllAsync(scope, [.. awayDeliveries, .. survivorDeliveries, .. RecordChangeFeed.Merged(survivorNext, awayNext)], cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return merge;
    }

    public Task<RecordMerge?> GetAsync(string mergeId, CancellationToken cancellationToken) =>
        SingleAsync("merge_id = @key", mergeId, cancellationToken);

    public Task<RecordMerge?> FindByPairAsync(RecordPair pair, CancellationToken cancellationToken) =>
        SingleAsync("pair_key = @key", pair.Key, cancellationToken);

    /// <summary>R-MG-3: the merge that retired <paramref name="recordNumber"/>, if it was merged away.</summary>
    public Task<RecordMerge?> FindByMergedAwayAsync(string recordNumber, CancellationToken cancellationToken) =>
        SingleAsync("merged_away_number = @key", recordNumber, cancellationToken);

    /// <summary>
    /// R-MG-3: of <paramref name="recordNumbers"/>, the merged-away ones with the record each stands for
    /// now (its survivor, following later merges of the survivor); numbers never merged away are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SurvivorsOfAsync(IReadOnlyCollection<string> recordNumbers, CancellationToken cancellationToken)
    {
        var survivors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (recordNumbers.Count == 0)
            return survivors;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (oneOf, numbers) = database.OneOf("merged_away_number", "numbers", recordNumbers);
        var edges = (await connection.QueryAsync<(string Away, string Survivor)>(new CommandDefinition(
            $"SELECT merged_away_number, survivor_number FROM record_merges WHERE {oneOf}", new { numbers },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        foreach (var (away, survivor) in edges)
        {
            var current = survivor;
            // A survivor merged away later points on; chains are short.
            for (var hops = 0; hops < 16 && await SurvivorOfAsync(connection, current, cancellationToken).ConfigureAwait(false) is { } next; hops++)
                current = next;
            survivors[away] = current;
        }
        return survivors;
    }

    private static Task<string?> SurvivorOfAsync(System.Data.Common.DbConnection connection, string mergedAway, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT survivor_number FROM record_merges WHERE merged_away_number = @mergedAway", new { mergedAway }, cancellationToken: cancellationToken));

    /// <summary>Merges in the order they were committed, after the key; optionally those of one record (as survivor or merged away).</summary>
    public async Task<IReadOnlyList<RecordMerge>> ListAsync(string? recordNumber, TimedPageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RecordMergeRow>(new CommandDefinition($"""
            SELECT {RecordMergeRow.Columns} FROM record_merges
            WHERE (@recordNumber IS NULL OR survivor_number = @recordNumber OR merged_away_number = @recordNumber)
              AND (merged_at_ms > @afterAt OR (merged_at_ms = @afterAt AND merge_id > @afterId))
            ORDER BY merged_at_ms, merge_id LIMIT @limit
            """,
            new { recordNumber, afterAt = after?.AtMs ?? long.MinValue, afterId = after?.Id ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMerge()).ToList();
    }

    private async Task<RecordMerge?> SingleAsync(string condition, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RecordMergeRow>(new CommandDefinition(
            $"SELECT {RecordMergeRow.Columns} FROM record_merges WHERE {condition}", new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToMerge();
    }

    /// <summary>
    /// R-MG-3: the merged-away record's services join the survivor's timeline, which is read in service
    /// date order, so both histories are combined in time order; each remembers the record it was
    /// uploaded under. The survivor's last service date moves forward to the later of the two.
    /// </summary>
    private static async Task<int> MoveServicesAsync(WriteScope scope, string survivor, string mergedAway, CancellationToken cancellationToken)
    {
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var moved = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE service_records SET record_number = @survivor, merged_from_record = COALESCE(merged_from_record, @mergedAway)
            WHERE record_number = @mergedAway
            """, new { survivor, mergedAway }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var lastService = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT last_service_date FROM records WHERE record_number = @mergedAway", new { mergedAway }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (lastService is not null)
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE records SET last_service_date = @lastService
                WHERE record_number = @survivor AND (last_service_date IS NULL OR last_service_date < @lastService)
                """, new { survivor, lastService }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return moved;
    }
}
