using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>The record grain's persistence, implemented by src/Storage (SQLite, PostgreSQL).</summary>
public interface IRecordStore
{
    Task<RecordState?> FindByIdentityAsync(IdentityKey identity, CancellationToken cancellationToken);

    Task<RecordState?> GetAsync(RecordNumber number, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: allocate the committee's next serial (never reused, R-ID-4), build the
    /// enrollment event for that number and insert the record. Returns null when the identity's
    /// unique key was taken meanwhile (R-ID-1); the caller then reads the winner.
    /// Throws <see cref="SerialsExhaustedException"/> when the committee has used all 99,999 serials.
    /// </summary>
    Task<RecordState?> TryInsertAsync(CommitteeCode committee, Func<RecordNumber, ResidentEnrolled> enrolled, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the events and writes the new state iff the stored version is still
    /// <paramref name="expectedVersion"/>. False means another writer won; reload and decide again.
    /// </summary>
    Task<bool> TryAppendAsync(RecordState newState, long expectedVersion, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// True when an event of the record's journal was caused by <paramref name="requestId"/>: a retry
    /// however late, beyond the recent ids the state remembers (<see cref="RecordState.RememberedRequestIds"/>).
    /// </summary>
    Task<bool> WasAppliedAsync(RecordNumber number, string requestId, CancellationToken cancellationToken);

    /// <summary>Entries owned in a district (optionally by one clinic), ordered by record number, after <paramref name="afterRecordNumber"/>.</summary>
    Task<IReadOnlyList<RecordState>> ListByOwnerAsync(string districtCode, string? institutionCode, string? afterRecordNumber, int limit, CancellationToken cancellationToken);
}

public sealed class SerialsExhaustedException(CommitteeCode committee)
    : Exception($"Committee {committee} has used all {RecordNumber.MaxSerial} record serials.")
{
    public CommitteeCode Committee { get; } = committee;
}
