using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Time;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// The model's reading of DOMAIN.md and the protos, written independently of the platform's code:
/// given the expected state of a record and the federation's clock, what must the city answer?
/// Within <see cref="TimeMargin"/> or <see cref="DateMargin"/> of a deadline the answer depends on
/// milliseconds between the model's clock and the node's, so the model says "ambiguous" and the
/// generator draws something else.
/// </summary>
internal static class HistoryRules
{
    public static readonly TimeSpan TimeMargin = TimeSpan.FromHours(1);

    public const int DateMargin = 2;

    /// <summary>R-TR-2 (chongqing): the other side confirms within 7 calendar days.</summary>
    public static readonly TimeSpan ConfirmationPeriod = TimeSpan.FromDays(7);

    /// <summary>R-TR-5: 180 days without transfer after a cross-district one.</summary>
    public static readonly TimeSpan ProtectionPeriod = TimeSpan.FromDays(180);

    public static Expected Enroll(LaneModel lane, EnrollOp op) =>
        lane.FindByCitizenId(op.CitizenId) is null ? Expected.Ok : Expected.AlreadyExists; // R-ID-1, R-ID-5

    public static Expected RequestTransfer(RequestTransferOp op, DateTimeOffset now)
    {
        var r = op.Record;
        if (op.To == r.Owner)
            return Expected.Invalid;
        if (r.Status == RecordStatus.Deceased)
            return Expected.Refused("R-TR-4"); // never transfers
        if (!r.Archived && op.RequestedBy != r.Owner && op.RequestedBy != op.To)
            return Expected.Refused("R-TR-2"); // only the owner or the prospective clinic asks
        if (r.Pending is not null)
            return Expected.Refused("R-TR-2"); // one at a time
        if (r.LastCrossDistrictAt is { } crossed)
        {
            var free = crossed + ProtectionPeriod;
            if (now < free - TimeMargin)
                return Expected.Refused("R-TR-5");
            if (now < free + TimeMargin)
                return Expected.Ambiguous;
        }
        return Expected.Ok; // pending; or, lost / moved out, completed at once on the city's authority (R-TR-4)
    }

    public static Expected AnswerTransfer(AnswerTransferOp op, DateTimeOffset now)
    {
        var t = op.Transfer;
        if (t.State != TransferState.Pending)
        {
            var same = (t.State == TransferState.Completed && op.Confirm) || (t.State == TransferState.Rejected && !op.Confirm);
            return same && t.AnsweredBy == op.Answering ? Expected.Ok : Expected.Refused("R-TR-2"); // answered already: the same answer again is no change
        }
        if (op.Answering != t.Answering)
            return Expected.Refused(t.CrossesDistricts ? "R-TR-3" : "R-TR-2");
        if (now > t.DueAt + TimeMargin)
            return Expected.Refused("R-TR-2"); // overdue: the owner stays
        if (now > t.DueAt - TimeMargin)
            return Expected.Ambiguous;
        if (!op.Confirm)
            return string.IsNullOrWhiteSpace(op.RejectionReason) ? Expected.Invalid : Expected.Ok; // no refusal without cause
        if (t.Record.Archived)
            return Expected.Refused(t.Record.Status == RecordStatus.Deceased ? "R-TR-4" : "R-ST-1");
        return Expected.Ok;
    }

    public static Expected StatusChange(StatusChangeOp op, DateTimeOffset now)
    {
        var r = op.Record;
        var today = CityTime.DateOf(now);
        switch (op.Change)
        {
            case LifecycleChange.MarkLost:
                if (r.Archived)
                    return Expected.Refused("R-ST-1");
                if (op.Institution != r.Owner)
                    return Expected.Refused(NonOwnerRule(op.Change));
                return Compare(CityTime.DateOf(r.EnrolledAt), LostCutoff(today)) switch
                {
                    < 0 => Expected.Ok,
                    > 0 => Expected.Refused("R-ST-2"), // seen within the year
                    _ => Expected.Ambiguous,
                };
            case LifecycleChange.RecordDeath:
                if (r.Status == RecordStatus.Deceased)
                    return Expected.Refused("R-ST-3");
                if (op.Institution != r.Owner)
                    return Expected.Refused(NonOwnerRule(op.Change));
                if (op.Date > today.AddDays(DateMargin) || op.NoticeDate < op.Date)
                    return Expected.Invalid;
                return op.Date <= today.AddDays(-DateMargin) && op.NoticeDate <= today.AddDays(-DateMargin) ? Expected.Ok : Expected.Ambiguous;
            case LifecycleChange.MoveOut:
                if (r.Status is not (RecordStatus.Active or RecordStatus.LostToFollowUp))
                    return Expected.Refused("R-ST-1");
                if (op.Institution != r.Owner)
                    return Expected.Refused(NonOwnerRule(op.Change));
                if (op.Date > today.AddDays(DateMargin))
                    return Expected.Invalid;
                return Compare(op.Date, today.AddYears(-1)) switch
                {
                    < 0 => Expected.Ok, // away for more than a year (R-ST-4)
                    > 0 => op.Date <= today.AddDays(-DateMargin) ? Expected.Refused("R-ST-4") : Expected.Ambiguous,
                    _ => Expected.Ambiguous,
                };
            default:
                return r.Status == RecordStatus.Deceased ? Expected.Refused("R-ST-3") : Expected.Ok; // R-ST-5; active stays active
        }
    }

    /// <summary>R-ST-6: only the owner files; the refusal names the rule of the change (R-ST-2 lost, R-ST-3 death, R-ST-4 moved out).</summary>
    public static string NonOwnerRule(LifecycleChange change) => change switch
    {
        LifecycleChange.MarkLost => "R-ST-2",
        LifecycleChange.RecordDeath => "R-ST-3",
        LifecycleChange.MoveOut => "R-ST-4",
        _ => "R-ST-6",
    };

    /// <summary>R-ST-2 (chongqing): a record last seen before this date is a lost-to-follow-up candidate.</summary>
    public static DateOnly LostCutoff(DateOnly today) => today.AddYears(-1);

    /// <summary>The status a successful change leaves.</summary>
    public static RecordStatus After(LifecycleChange change) => change switch
    {
        LifecycleChange.MarkLost => RecordStatus.LostToFollowUp,
        LifecycleChange.RecordDeath => RecordStatus.Deceased,
        LifecycleChange.MoveOut => RecordStatus.MovedOut,
        _ => RecordStatus.Active,
    };

    /// <summary>-1 clearly before, +1 clearly after, 0 within <see cref="DateMargin"/> days.</summary>
    private static int Compare(DateOnly date, DateOnly limit) =>
        date.DayNumber < limit.DayNumber - DateMargin ? -1 : date.DayNumber > limit.DayNumber + DateMargin ? 1 : 0;
}
