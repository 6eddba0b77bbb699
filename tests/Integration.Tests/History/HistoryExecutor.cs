using Google.Protobuf;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests.History;

/// <summary>Sends an operation to the calling clinic's district, as that clinic, until the answer is definite.</summary>
internal sealed class HistoryExecutor(HistoryClients clients, RetryingCaller caller)
{
    private static readonly string[] Staff = ["王护士", "李医生", "张医生"];

    public async Task<Actual<IMessage>> RunAsync(HistoryOp op)
    {
        var district = clients.Of(op.Caller);
        return op switch
        {
            EnrollOp e => await Call(op, o => district.EnrollAsync(Requests.Enroll(e.CitizenId, e.Clinic, e.Committee, e.RequestId), o)),
            RequestTransferOp t => await Call(op, o => district.RequestTransferAsync(new District.RequestTransferRequest
            {
                RequestId = t.RequestId, RecordNumber = t.Record.Number, ToInstitutionCode = t.To, RequestedByInstitutionCode = t.RequestedBy,
                ConsentMethod = (ConsentMethod)(1 + StableHash(t.RequestId) % 4),
                Reason = (TransferReason)(1 + StableHash(t.Record.Number) % 7),
            }, o)),
            AnswerTransferOp a => await Call(op, o => district.AnswerTransferAsync(new District.AnswerTransferRequest
            {
                RequestId = a.RequestId, TransferId = a.Transfer.Id, AnsweringInstitutionCode = a.Answering, Confirm = a.Confirm, RejectionReason = a.RejectionReason,
            }, o)),
            StatusChangeOp s => await Call(op, o => Lifecycle(district, s, o)),
            RepeatOp again => await RunAsync(again.Original),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    private Task<Actual<IMessage>> Call<T>(HistoryOp op, Func<CallOptions, Task<T>> call) where T : class, IMessage =>
        caller.CallAsync(op.ToString() ?? op.Label, async options => (IMessage)await call(HistoryClients.AsClinic(options, op.Caller)));

    /// <summary>A hash that is the same in every process (string.GetHashCode is not): consent and reason vary, deterministically.</summary>
    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31 + c) & 0x7fffffff));

    private static Task<MasterIndexEntry> Lifecycle(DistrictClients district, StatusChangeOp s, CallOptions options) => s.Change switch
    {
        LifecycleChange.MarkLost => district.LifecycleAsync("MarkLostToFollowUp", new City.MarkLostToFollowUpRequest
        {
            RequestId = s.RequestId, RecordNumber = s.Record.Number, InstitutionCode = s.Institution, ConfirmedBy = Staff[0], Reason = "电话、住址均无法联系",
        }, options),
        LifecycleChange.RecordDeath => district.LifecycleAsync("RecordDeath", new City.RecordDeathRequest
        {
            RequestId = s.RequestId, RecordNumber = s.Record.Number, InstitutionCode = s.Institution, RecordedBy = Staff[1], Cause = "心肌梗死",
            DateOfDeath = Date(s.Date), NoticeDate = Date(s.NoticeDate),
        }, options),
        LifecycleChange.MoveOut => district.LifecycleAsync("RecordMoveOut", new City.RecordMoveOutRequest
        {
            RequestId = s.RequestId, RecordNumber = s.Record.Number, InstitutionCode = s.Institution, RecordedBy = Staff[2],
            LeftOn = Date(s.Date), Destination = "四川省成都市", Handover = "纸质档案移交",
        }, options),
        _ => district.LifecycleAsync("ReactivateRecord", new City.ReactivateRecordRequest
        {
            RequestId = s.RequestId, RecordNumber = s.Record.Number, InstitutionCode = s.Institution, Cause = "居民回到辖区复诊",
        }, options),
    };

    private static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
