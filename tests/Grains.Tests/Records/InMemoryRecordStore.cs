using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Records;

/// <summary>
/// A test double of the storage port with the same contract (unique identity, version check), plus
/// a hook to simulate another process writing between our load and our save.
/// </summary>
internal sealed class InMemoryRecordStore : IRecordStore
{
    private readonly Dictionary<string, RecordState> _records = new();
    private readonly Dictionary<string, int> _serials = new();
    private readonly HashSet<(string Number, string RequestId)> _journalRequestIds = [];

    public Action<InMemoryRecordStore, RecordState>? BeforeAppend { get; set; }

    public int AppendAttempts { get; private set; }

    public Task<RecordState?> FindByIdentityAsync(IdentityKey identity, CancellationToken cancellationToken)
    {
        lock (_records)
            return Task.FromResult(_records.Values.FirstOrDefault(r => r.Identity == identity));
    }

    public Task<RecordState?> GetAsync(RecordNumber number, CancellationToken cancellationToken)
    {
        lock (_records)
            return Task.FromResult(_records.GetValueOrDefault(number.Value));
    }

    public async Task<RecordState?> TryInsertAsync(CommitteeCode committee, Func<RecordNumber, ResidentEnrolled> enrolled, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_records)
        {
            var serial = _serials.GetValueOrDefault(committee.Value) + 1;
            var state = RecordState.Create(enrolled(RecordNumber.Create(committee, serial)));
            if (_records.Values.Any(r => r.Identity == state.Identity))
                return null;
            _serials[committee.Value] = serial;
            _records[state.Number.Value] = state;
            return state;
        }
    }

    public Task<bool> TryAppendAsync(RecordState newState, long expectedVersion, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        AppendAttempts++;
        BeforeAppend?.Invoke(this, newState);
        lock (_records)
        {
            if (_records[newState.Number.Value].Version != expectedVersion)
                return Task.FromResult(false);
            _records[newState.Number.Value] = newState;
            foreach (var id in events.Select(RecordEvent.RequestIdOf).OfType<string>())
                _journalRequestIds.Add((newState.Number.Value, id));
            return Task.FromResult(true);
        }
    }

    public Task<bool> WasAppliedAsync(RecordNumber number, string requestId, CancellationToken cancellationToken)
    {
        lock (_records)
            return Task.FromResult(_journalRequestIds.Contains((number.Value, requestId)));
    }

    public Task<IReadOnlyList<RecordState>> ListByOwnerAsync(string districtCode, string? institutionCode, string? afterRecordNumber, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    /// <summary>Writes directly, as another city process would.</summary>
    public void Overwrite(RecordState state)
    {
        lock (_records)
            _records[state.Number.Value] = state;
    }
}
