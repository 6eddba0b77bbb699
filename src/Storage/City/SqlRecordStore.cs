using Dapper;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>
/// The city's master index on SQLite or PostgreSQL: the record grain's state and event journal.
/// Every committed change is reported, in the same transaction, to the district logs that must
/// learn of it (R-CN-2), so the districts' indexes follow exactly what the city committed.
/// Identity numbers are stored as a keyed hash and a ciphertext only (R-AC-6).
/// </summary>
public sealed class SqlRecordStore(Database database, DistrictEventLog districtLogs, IdentityProtector protector) : IRecordStore
{
    private readonly DuplicateReviewStore _reviews = new(database);

    public async Task<RecordState?> FindByIdentityAsync(IdentityKey identity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // R-ID-1: the live record holds the identity; a merged-away one (R-MG-3) or one held for review
        // beside it keeps the same identity, so the live one is read first.
        var row = await connection.QueryFirstOrDefaultAsync<RecordRow>(new CommandDefinition($"""
            SELECT {RecordRow.Columns} FROM records WHERE identity_hash = @hash
            ORDER BY CASE WHEN status <> {DuplicateSchema.MergedStatus} AND held_for_review = 0 THEN 0 ELSE 1 END, enrolled_at_ms LIMIT 1
            """, new { hash = protector.Hash(identity) }, // R-AC-6
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        // R-MG-3: following a merged-away record to its survivor is the record grains' (RecordGrains.FindAsync).
        return row?.ToState(protector);
    }

    public async Task<RecordState?> GetAsync(RecordNumber number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RecordRow>(new CommandDefinition(
            $"SELECT {RecordRow.Columns} FROM records WHERE record_number = @number", new { number = number.Value },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToState(protector);
    }

    public async Task<RecordState?> TryInsertAsync(CommitteeCode committee, Func<RecordNumber, ResidentEnrolled> enrolled, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        // R-ID-4: the serial row is locked until commit; a rolled-back enrollment hands out nothing.
        await connection.ExecuteAsync(
            "INSERT INTO committee_serials (committee_code, last_serial) VALUES (@code, 0) ON CONFLICT (committee_code) DO NOTHING",
            new { code = committee.Value }, tx).ConfigureAwait(false);
        var serial = await connection.ExecuteScalarAsync<long>(
            "UPDATE committee_serials SET last_serial = last_serial + 1 WHERE committee_code = @code RETURNING last_serial",
            new { code = committee.Value }, tx).ConfigureAwait(false);
        if (serial > RecordNumber.MaxSerial)
            throw new SerialsExhaustedException(committee);
        var e = enrolled(RecordNumber.Create(committee, (int)serial));
        var state = RecordState.Create(e);
        try
        {
            await connection.ExecuteAsync($"INSERT INTO records ({RecordRow.Columns}) VALUES ({Parameters(RecordRow.Columns)})",
                RecordRow.From(state, protector), tx).ConfigureAwait(false);
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            return null; // R-ID-1: the identity (its keyed hash) was enrolled concurrently; the transaction rolls back.
        }
        await InsertEventsAsync(scope, state.Number, 0, [e]).ConfigureAwait(false);
        await EnrollmentDuplicates.ProposeAsync(scope, _reviews, state, protector, cancellationToken).ConfigureAwait(false); // R-ID-1
        await districtLogs.AppendAllAsync(scope, RecordChangeFeed.Enrolled(state), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return state;
    }

    public async Task<bool> TryAppendAsync(RecordState newState, long expectedVersion, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = await TryUpdateAsync(scope, newState, expectedVersion, events, cancellationToken).ConfigureAwait(false);
        if (deliveries is null)
            return false;
        await districtLogs.AppendAllAsync(scope, deliveries, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The version-checked update of one record with its journal and transfer rows, inside the caller's
    /// transaction; returns what the districts must learn of it (for the caller to append with any other
    /// change of the transaction, in one ordered pass), or null when the record has moved on.
    /// </summary>
    internal async Task<IReadOnlyList<DistrictDelivery>?> TryUpdateAsync(
        WriteScope scope, RecordState newState, long expectedVersion, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        var former = await OwnerAtVersionAsync(scope, newState.Number, expectedVersion).ConfigureAwait(false);
        if (former is null)
            return null;
        var row = RecordRow.From(newState, protector);
        var updated = await scope.Connection.ExecuteAsync("""
            UPDATE records SET owner_institution = @OwnerInstitution, owner_district = @OwnerDistrict, status = @Status,
                version = @Version, updated_at_ms = @UpdatedAtMs, applied_request_ids = @AppliedRequestIds, profile = @Profile,
                lifecycle = @Lifecycle, identity_key = '', identity_hash = @IdentityHash, duplicate_block = @DuplicateBlock,
                identity_cipher = CASE WHEN identity_hash = @IdentityHash THEN identity_cipher ELSE @IdentityCipher END
            WHERE record_number = @RecordNumber AND version = @expectedVersion
            """,
            new
            {
                row.OwnerInstitution, row.OwnerDistrict, row.Status, row.Version, row.UpdatedAtMs,
                row.AppliedRequestIds, row.Profile, row.Lifecycle, row.RecordNumber, expectedVersion,
                row.DuplicateBlock,
                row.IdentityHash, row.IdentityCipher, // R-ID-3, R-MG: the identity may change; R-AC-6: only as hash and ciphertext
            }, scope.Transaction).ConfigureAwait(false);
        if (updated != 1)
            return null;
        await InsertEventsAsync(scope, newState.Number, expectedVersion, events).ConfigureAwait(false);
        await TransferRows.WriteAsync(scope, events, cancellationToken).ConfigureAwait(false);
        return RecordChangeFeed.Changed(former, newState, events);
    }

    public async Task<IReadOnlyList<RecordState>> ListByOwnerAsync(string districtCode, string? institutionCode, string? afterRecordNumber, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition($"""
            SELECT {RecordRow.Columns} FROM records
            WHERE owner_district = @districtCode
              AND (@institutionCode IS NULL OR owner_institution = @institutionCode)
              AND record_number > @after
            ORDER BY record_number LIMIT @limit
            """,
            new { districtCode, institutionCode, after = afterRecordNumber ?? "", limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToState(protector)).ToList();
    }

    public async Task<bool> WasAppliedAsync(RecordNumber number, string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM record_events WHERE record_number = @number AND request_id = @requestId LIMIT 1",
            new { number = number.Value, requestId }, cancellationToken: cancellationToken)).ConfigureAwait(false) is not null;
    }

    /// <summary>The journal of one record, oldest first.</summary>
    public async Task<IReadOnlyList<RecordEvent>> ReadEventsAsync(RecordNumber number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT payload FROM record_events WHERE record_number = @number ORDER BY version",
            new { number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return payloads.Select(p => JournalPayloads.Deserialize(p, number.Value, protector)).ToList();
    }

    /// <summary>
    /// The owner stored at exactly <paramref name="version"/>, read in the writing transaction; null
    /// when the record has moved on, in which case the version-checked update would fail anyway.
    /// </summary>
    private static Task<RecordOwner?> OwnerAtVersionAsync(WriteScope scope, RecordNumber number, long version) =>
        scope.Connection.QuerySingleOrDefaultAsync<RecordOwner>(
            "SELECT owner_institution AS institution, owner_district AS district FROM records WHERE record_number = @number AND version = @version",
            new { number = number.Value, version }, scope.Transaction);

    private async Task InsertEventsAsync(WriteScope scope, RecordNumber number, long fromVersion, IReadOnlyList<RecordEvent> events)
    {
        var version = fromVersion;
        foreach (var e in events)
        {
            version++;
            await scope.Connection.ExecuteAsync(
                "INSERT INTO record_events (record_number, version, event_type, payload, occurred_at_ms, request_id) VALUES (@number, @version, @type, @payload, @at, @requestId)",
                new
                {
                    number = number.Value,
                    version,
                    type = e.GetType().Name,
                    payload = JournalPayloads.Serialize(e, number.Value, protector),
                    at = e.OccurredAt.ToUnixTimeMilliseconds(),
                    requestId = RecordEvent.RequestIdOf(e),
                }, scope.Transaction).ConfigureAwait(false);
        }
    }

    private static string Parameters(string columns) =>
        string.Join(", ", columns.Split(',').Select(c => "@" + string.Concat(c.Trim().Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))));
}
