using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// Draws one lane's operations from its own seeded <see cref="Random"/> and its own records, so the
/// lane's history depends on the seed only (lanes run side by side, the clock moves between rounds).
/// Most draws are valid steps of a record's life; some are refusals the model predicts.
/// </summary>
internal sealed class OperationGenerator(int seed, LaneModel lane, IReadOnlyList<Institution> clinics)
{
    private static readonly (string Label, int Weight)[] Kinds =
    [
        ("enroll", 14), ("enroll-duplicate", 1),
        ("transfer-within", 11), ("transfer-across", 10), ("transfer-archived", 4),
        ("confirm", 12), ("reject", 6),
        ("mark-lost", 6), ("record-death", 3), ("move-out", 4), ("reactivate", 5), ("reactivate-elsewhere", 1),
        // refusals the model predicts
        ("transfer-deceased", 1), ("transfer-protected", 2), ("transfer-while-pending", 2), ("status-by-non-owner", 2),
        ("answer-by-requester", 1), ("reject-without-reason", 1), ("answer-again", 1), ("reactivate-deceased", 1),
        ("lost-too-early", 1), ("move-out-too-recent", 1), ("death-in-future", 1),
        ("repeat-old-request", 2),
    ];

    private static readonly string[] RejectionReasons = ["居民未签署同意书", "居民仍在本辖区居住", "档案信息不全，需核实", "居民本人未到场确认"];

    private readonly Random _random = new(unchecked(seed * 7919 + lane.Lane * 104_729) & 0x7fffffff);
    private readonly int _totalWeight = Kinds.Sum(k => k.Weight);
    private int _identities;
    private int _requests;

    /// <summary>An operation whose answer the model can tell, with that answer.</summary>
    public (HistoryOp Op, Expected Expected) Next(DateTimeOffset now)
    {
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var label = lane.Records.Count < 8 ? "enroll" : Pick();
            if (Build(label, now) is not { } op)
                continue;
            var expected = Predict(lane, op, now);
            if (expected.Kind != ExpectedKind.Ambiguous)
                return (op, expected);
        }
        var enroll = Enroll("enroll");
        return (enroll, Predict(lane, enroll, now));
    }

    public static Expected Predict(LaneModel lane, HistoryOp op, DateTimeOffset now) => op switch
    {
        EnrollOp e => HistoryRules.Enroll(lane, e),
        RequestTransferOp t => HistoryRules.RequestTransfer(t, now),
        AnswerTransferOp a => HistoryRules.AnswerTransfer(a, now),
        StatusChangeOp s => HistoryRules.StatusChange(s, now),
        RepeatOp => Expected.Ok, // idempotent by request id: the answer describes the record as it is now
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private string Pick()
    {
        var n = _random.Next(_totalWeight);
        foreach (var (label, weight) in Kinds)
            if ((n -= weight) < 0)
                return label;
        throw new InvalidOperationException("weights");
    }

    private HistoryOp? Build(string label, DateTimeOffset now)
    {
        var today = CityTime.DateOf(now);
        bool Free(ModelRecord r) => r.LastCrossDistrictAt is not { } at || now > at + HistoryRules.ProtectionPeriod + HistoryRules.TimeMargin;
        bool Answerable(ModelTransfer t) => now < t.DueAt - HistoryRules.TimeMargin;
        return label switch
        {
            "enroll" => Enroll(label),
            "enroll-duplicate" => Any(lane.Records) is { } r ? Enroll(label, r.CitizenId) : null,
            "transfer-within" => Any(lane.Records, r => r.Status == RecordStatus.Active && r.Pending is null && Free(r)) is { } r
                ? Transfer(label, r, Other(r.Owner, sameDistrict: true), byOwner: _random.Next(2) == 0) : null,
            "transfer-across" => Any(lane.Records, r => r.Status == RecordStatus.Active && r.Pending is null && Free(r)) is { } r
                ? Transfer(label, r, Other(r.Owner, sameDistrict: false), byOwner: _random.Next(2) == 0) : null,
            "transfer-archived" => Any(lane.Records, r => r.Status is RecordStatus.LostToFollowUp or RecordStatus.MovedOut && r.Pending is null && Free(r)) is { } r
                ? Transfer(label, r, Other(r.Owner, sameDistrict: _random.Next(2) == 0), byOwner: _random.Next(2) == 0) : null,
            "confirm" or "reject" => Any(lane.PendingTransfers, Answerable) is { } t
                ? new AnswerTransferOp(label, NextRequestId(), t, t.Answering, label == "confirm", label == "reject" ? Any(RejectionReasons)! : "") : null,
            "mark-lost" => Any(lane.Records, r => r.Status == RecordStatus.Active && CityTime.DateOf(r.EnrolledAt) < HistoryRules.LostCutoff(today).AddDays(-HistoryRules.DateMargin - 1)) is { } r
                ? Status(label, LifecycleChange.MarkLost, r, r.Owner) : null,
            "record-death" => Any(lane.Records, r => r.Status != RecordStatus.Deceased) is { } r ? Death(label, r, today, future: false) : null,
            "move-out" => Any(lane.Records, r => r.Status is RecordStatus.Active or RecordStatus.LostToFollowUp) is { } r
                ? Status(label, LifecycleChange.MoveOut, r, r.Owner, today.AddDays(-_random.Next(400, 1500))) : null,
            "reactivate" => Any(lane.Records, r => r.Status is RecordStatus.LostToFollowUp or RecordStatus.MovedOut) is { } r
                ? Status(label, LifecycleChange.Reactivate, r, r.Owner) : null,
            // R-ST-5: any clinic that serves the resident again reactivates; the owner stays.
            "reactivate-elsewhere" => Any(lane.Records, r => r.Status is RecordStatus.LostToFollowUp or RecordStatus.MovedOut) is { } r
                ? Status(label, LifecycleChange.Reactivate, r, Other(r.Owner, sameDistrict: _random.Next(2) == 0)) : null,
            "transfer-deceased" => Any(lane.Records, r => r.Status == RecordStatus.Deceased) is { } r
                ? Transfer(label, r, Other(r.Owner, sameDistrict: _random.Next(2) == 0), byOwner: false) : null,
            "transfer-protected" => Any(lane.Records, r => r.Status == RecordStatus.Active && r.Pending is null && !Free(r)) is { } r
                ? Transfer(label, r, Other(r.Owner, sameDistrict: _random.Next(2) == 0), byOwner: _random.Next(2) == 0) : null,
            "transfer-while-pending" => Any(lane.Records, r => r.Pending is not null && r.Status != RecordStatus.Deceased) is { } r
                ? Transfer(label, r, Other(r.Owner, sameDistrict: _random.Next(2) == 0), byOwner: true) : null,
            "status-by-non-owner" => Any(lane.Records, r => r.Status != RecordStatus.Deceased) is { } r ? NonOwner(label, r, today) : null,
            "answer-by-requester" => Any(lane.PendingTransfers, Answerable) is { } t
                ? new AnswerTransferOp(label, NextRequestId(), t, t.RequestedBy, _random.Next(2) == 0, Any(RejectionReasons)!) : null,
            "reject-without-reason" => Any(lane.PendingTransfers, t => Answerable(t) && !t.Record.Archived) is { } t
                ? new AnswerTransferOp(label, NextRequestId(), t, t.Answering, false, _random.Next(2) == 0 ? "" : "  ") : null,
            "answer-again" => Any(lane.Records.SelectMany(r => r.Transfers), t => t.State is TransferState.Completed or TransferState.Rejected or TransferState.Expired && t.AnsweredBy != "city") is { } t
                ? new AnswerTransferOp(label, NextRequestId(), t, t.AnsweredBy.Length > 0 ? t.AnsweredBy : t.Answering, _random.Next(2) == 0, Any(RejectionReasons)!) : null,
            "reactivate-deceased" => Any(lane.Records, r => r.Status == RecordStatus.Deceased) is { } r ? Status(label, LifecycleChange.Reactivate, r, r.Owner) : null,
            "lost-too-early" => Any(lane.Records, r => r.Status == RecordStatus.Active && CityTime.DateOf(r.EnrolledAt) > HistoryRules.LostCutoff(today).AddDays(HistoryRules.DateMargin + 1)) is { } r
                ? Status(label, LifecycleChange.MarkLost, r, r.Owner) : null,
            "move-out-too-recent" => Any(lane.Records, r => r.Status is RecordStatus.Active or RecordStatus.LostToFollowUp) is { } r
                ? Status(label, LifecycleChange.MoveOut, r, r.Owner, today.AddDays(-_random.Next(10, 300))) : null,
            // Half the time the record's oldest status change, which a bounded memory of request ids forgets first.
            "repeat-old-request" => Any(lane.Records, r => r.Requests.Count > 1) is { } r
                ? new RepeatOp(label, _random.Next(2) == 0 ? r.Requests.OfType<StatusChangeOp>().FirstOrDefault() ?? r.Requests[0] : Any(r.Requests)!, r) : null,
            "death-in-future" => Any(lane.Records, r => r.Status != RecordStatus.Deceased) is { } r ? Death(label, r, today, future: true) : null,
            _ => throw new InvalidOperationException(label),
        };
    }

    private EnrollOp Enroll(string label, string? citizenId = null)
    {
        var clinic = Any(clinics)!;
        // Lanes draw from disjoint identity ranges: 1,000,000 + 100,000 per lane.
        var id = citizenId ?? TestIdentities.CitizenId(1_000_000 + lane.Lane * 100_000 + _identities++);
        return new EnrollOp(label, NextRequestId(), id, clinic.Code, Any(clinic.Committees)!);
    }

    private RequestTransferOp Transfer(string label, ModelRecord r, string to, bool byOwner) =>
        new(label, NextRequestId(), r, to, byOwner ? r.Owner : to);

    private StatusChangeOp Status(string label, LifecycleChange change, ModelRecord r, string institution, DateOnly date = default) =>
        new(label, NextRequestId(), change, r, institution, date);

    private StatusChangeOp Death(string label, ModelRecord r, DateOnly today, bool future)
    {
        if (future)
        {
            var later = today.AddDays(_random.Next(5, 30));
            return new StatusChangeOp(label, NextRequestId(), LifecycleChange.RecordDeath, r, r.Owner, later, later);
        }
        var daysAgo = _random.Next(3, 400);
        var died = today.AddDays(-daysAgo);
        return new StatusChangeOp(label, NextRequestId(), LifecycleChange.RecordDeath, r, r.Owner, died, died.AddDays(_random.Next(0, Math.Min(30, daysAgo - 2))));
    }

    /// <summary>R-ST-6: a status change filed by a clinic that does not own the record.</summary>
    private StatusChangeOp NonOwner(string label, ModelRecord r, DateOnly today)
    {
        var other = Other(r.Owner, sameDistrict: _random.Next(2) == 0);
        return _random.Next(3) switch
        {
            0 => Status(label, LifecycleChange.MarkLost, r, other),
            1 => new StatusChangeOp(label, NextRequestId(), LifecycleChange.RecordDeath, r, other, today.AddDays(-10), today.AddDays(-5)),
            _ => Status(label, LifecycleChange.MoveOut, r, other, today.AddDays(-_random.Next(400, 900))),
        };
    }

    private string Other(string owner, bool sameDistrict) =>
        Any(clinics.Where(c => c.Code != owner && (c.DistrictCode == owner[..6]) == sameDistrict).Select(c => c.Code).ToList())!;

    private string NextRequestId() => $"h{seed}-l{lane.Lane}-{_requests++}";

    private T? Any<T>(IEnumerable<T> items, Func<T, bool>? where = null) where T : class
    {
        var list = (where is null ? items : items.Where(where)).ToList();
        return list.Count == 0 ? null : list[_random.Next(list.Count)];
    }
}
