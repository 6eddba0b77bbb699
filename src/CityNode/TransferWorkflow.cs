using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Transfers;
using HealthRecords.Grains.Validation;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode;

/// <summary>
/// Transfers at the city (R-TR-1..5): loads what a decision needs, lets <see cref="TransferDecider"/>
/// decide on the record's state, and the record store writes the events, the transfer's row and
/// the districts' feed events in one transaction.
/// </summary>
public sealed class TransferWorkflow(RecordGrains grains, TransferStore transfers, PolicyProfile policy,
    IHolidayCalendar holidays)
{
    /// <summary>Idempotent on the request id (the transfer's id): a retry returns the transfer it made.</summary>
    public async Task<Transfer> RequestAsync(RecordNumber number, Institution to, Institution requestedBy, string requestId,
        ConsentMethod? consent, TransferReason? reason, CancellationToken cancellationToken)
    {
        if (await KnownAsync(requestId, number, cancellationToken) is { } known)
            return known.ToInstitution == to.Code && known.RequestedByInstitution == requestedBy.Code
                ? known
                : throw new DomainValidationException("request_id", $"{requestId} was already used for a different transfer request of record {number}.");
        await grains.ExecuteAsync(number, (state, now) => TransferDecider.Decide(state,
            // R-TR-4: an archived lost or moved-out record moves on the city's authority alone.
            new RequestTransfer(requestId, number, to.Code, to.DistrictCode, requestedBy.Code, consent, reason, CityAuthority: state.Status.IsArchived()),
            policy, holidays, now), cancellationToken);
        return await transfers.GetAsync(requestId, cancellationToken)
            ?? throw new InvalidOperationException($"Transfer {requestId} of record {number} was decided but not stored.");
    }

    /// <summary>R-TR-2, R-TR-3: the answer of the clinic that did not ask; a repeated answer returns the transfer as it is.</summary>
    public async Task<Transfer> AnswerAsync(string transferId, Institution answering, bool confirm, string? rejectionReason, CancellationToken cancellationToken)
    {
        var number = RecordNumber.Parse((await GetAsync(transferId, cancellationToken)).RecordNumber);
        await grains.ExecuteAsync(number, async (state, now, ct) =>
        {
            // Read after the record: a newer transfer row than the record only makes the save fail and retry.
            var transfer = await GetAsync(transferId, ct);
            return TransferDecider.Decide(state, transfer, new AnswerTransfer(transferId, number, answering.Code, confirm, rejectionReason), now);
        }, cancellationToken);
        return await GetAsync(transferId, cancellationToken);
    }

    /// <summary>R-TR-2: every pending request past its deadline expires; the owner does not change. Returns how many expired.</summary>
    public async Task<int> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = 0;
        foreach (var due in await transfers.PastDueAsync(now, limit: 500, cancellationToken))
        {
            var number = RecordNumber.Parse(due.RecordNumber);
            var state = await grains.ExecuteAsync(number, async (s, at, ct) =>
                TransferDecider.Expire(s, await GetAsync(due.TransferId, ct), at), cancellationToken);
            if (state.Lifecycle.PendingTransferId != due.TransferId)
                expired++;
        }
        return expired;
    }

    public async Task<Transfer> GetAsync(string transferId, CancellationToken cancellationToken) =>
        await transfers.GetAsync(transferId, cancellationToken)
        ?? throw new TransferNotFoundException(transferId);

    private async Task<Transfer?> KnownAsync(string requestId, RecordNumber number, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(requestId))
            return null; // the decider names the missing field
        var known = await transfers.GetAsync(requestId, cancellationToken);
        if (known is not null && known.RecordNumber != number.Value)
            throw new DomainValidationException("request_id", $"{requestId} was already used for a transfer of record {known.RecordNumber}.");
        return known;
    }
}
