namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// One step of the history, as the generator drew it. <see cref="Label"/> says what the generator
/// meant (for the summary); what the platform must answer is the predictor's business alone.
/// </summary>
internal abstract record HistoryOp(string Label, string RequestId)
{
    /// <summary>The institution making the call; the call goes to its district as <c>institution:code</c>.</summary>
    public abstract string Caller { get; }
}

internal sealed record EnrollOp(string Label, string RequestId, string CitizenId, string Clinic, string Committee) : HistoryOp(Label, RequestId)
{
    public override string Caller => Clinic;
}

internal sealed record RequestTransferOp(string Label, string RequestId, ModelRecord Record, string To, string RequestedBy) : HistoryOp(Label, RequestId)
{
    public override string Caller => RequestedBy;

    public override string ToString() => $"{Label} {RequestId}: {Record} → {To} asked by {RequestedBy}";
}

internal sealed record AnswerTransferOp(string Label, string RequestId, ModelTransfer Transfer, string Answering, bool Confirm, string RejectionReason)
    : HistoryOp(Label, RequestId)
{
    public override string Caller => Answering;

    public override string ToString() =>
        $"{Label} {RequestId}: {(Confirm ? "confirm" : $"reject '{RejectionReason}'")} {Transfer} by {Answering}; record {Transfer.Record}";
}

public enum LifecycleChange { MarkLost, RecordDeath, MoveOut, Reactivate }

internal sealed record StatusChangeOp(string Label, string RequestId, LifecycleChange Change, ModelRecord Record, string Institution,
    DateOnly Date = default, DateOnly NoticeDate = default) : HistoryOp(Label, RequestId)
{
    public override string Caller => Institution;

    public override string ToString() =>
        $"{Label} {RequestId}: {Change} of {Record} by {Institution}{(Date == default ? "" : $" date {Date:yyyy-MM-dd}")}{(NoticeDate == default ? "" : $" notice {NoticeDate:yyyy-MM-dd}")}";
}

/// <summary>
/// A request made earlier, sent again unchanged (same request id) after the record has changed since:
/// a clinic's retry that arrives late. Idempotent by request id, it must change nothing.
/// </summary>
internal sealed record RepeatOp(string Label, HistoryOp Original, ModelRecord Record) : HistoryOp(Label, Original.RequestId)
{
    public override string Caller => Original.Caller;

    public override string ToString() => $"{Label}: again {Original}; record now {Record}";
}
