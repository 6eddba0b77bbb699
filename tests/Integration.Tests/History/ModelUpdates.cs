using Google.Protobuf;
using HealthRecords.Contracts.Types.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// Applies a definite success to the model, checking on the way that the answer says what the model
/// expects (owner, status, transfer state, the 7-day deadline). Returns what disagreed.
/// </summary>
internal static class ModelUpdates
{
    public static List<string> Apply(LaneModel lane, HistoryOp op, IMessage response)
    {
        var problems = new List<string>();
        switch (op, response)
        {
            case (RepeatOp again, _):
                Repeated(problems, again, response);
                break;
            case (EnrollOp e, District.EnrollResidentResponse { Entry: { } entry }):
                Check(problems, entry.OwningInstitutionCode == e.Clinic && entry.Status == RecordStatus.Active, $"enrolled entry {entry}");
                if (lane.FindByCitizenId(e.CitizenId) is null)
                {
                    lane.Add(new ModelRecord(entry.RecordNumber, e.CitizenId, entry.OwningInstitutionCode, entry.EnrolledAt.ToDateTimeOffset()));
                    lane.FindByCitizenId(e.CitizenId)!.Requests.Add(e);
                }
                break;
            case (RequestTransferOp t, TransferRequest answer):
                RequestTransfer(problems, t, answer);
                t.Record.Requests.Add(t);
                break;
            case (AnswerTransferOp a, TransferRequest answer):
                AnswerTransfer(problems, a, answer);
                break;
            case (StatusChangeOp s, MasterIndexEntry entry):
                var status = HistoryRules.After(s.Change);
                Check(problems, entry.Status == status && entry.OwningInstitutionCode == s.Record.Owner && entry.RecordNumber == s.Record.Number,
                    $"after {s.Change} expected {status} at {s.Record.Owner}, the answer says {entry.Status} at {entry.OwningInstitutionCode}");
                s.Record.Status = entry.Status;
                s.Record.Owner = entry.OwningInstitutionCode;
                s.Record.Requests.Add(s);
                break;
            default:
                problems.Add($"unexpected answer {response.Descriptor.Name} to {op}");
                break;
        }
        return problems;
    }

    /// <summary>A late repeat changes nothing: the answer is the record (or the transfer) as the model has it now.</summary>
    private static void Repeated(List<string> problems, RepeatOp again, IMessage response)
    {
        var r = again.Record;
        switch (response)
        {
            case District.EnrollResidentResponse { Entry: { } entry }:
                Check(problems, entry.RecordNumber == r.Number && entry.OwningInstitutionCode == r.Owner && entry.Status == r.Status,
                    $"the repeated enrollment answers {entry.RecordNumber} at {entry.OwningInstitutionCode} {entry.Status}");
                break;
            case TransferRequest answer:
                var transfer = r.Transfers.Single(t => t.Id == again.RequestId);
                Check(problems, answer.TransferId == transfer.Id && answer.State == transfer.State,
                    $"the repeated transfer request answers {answer.TransferId} {answer.State}, the model has {transfer}");
                break;
            case MasterIndexEntry entry:
                Check(problems, entry.RecordNumber == r.Number && entry.OwningInstitutionCode == r.Owner && entry.Status == r.Status,
                    $"the repeated status change answers {entry.OwningInstitutionCode} {entry.Status}: it was decided again");
                if (entry.Status != r.Status || entry.OwningInstitutionCode != r.Owner)
                    (r.Status, r.Owner) = (entry.Status, entry.OwningInstitutionCode); // the platform changed the record: follow it
                break;
            default:
                problems.Add($"unexpected answer {response.Descriptor.Name} to {again}");
                break;
        }
    }

    private static void RequestTransfer(List<string> problems, RequestTransferOp t, TransferRequest answer)
    {
        var r = t.Record;
        var cityAuthority = r.Archived; // R-TR-4: lost or moved out moves at once
        Check(problems, answer.TransferId == t.RequestId && answer.RecordNumber == r.Number && answer.FromInstitutionCode == r.Owner
            && answer.ToInstitutionCode == t.To && answer.RequestedByInstitutionCode == t.RequestedBy, $"transfer answer {answer} for {t}");
        Check(problems, answer.State == (cityAuthority ? TransferState.Completed : TransferState.Pending) && answer.CityAuthority == cityAuthority,
            $"transfer of a {r.Status} record: expected {(cityAuthority ? "COMPLETED on the city's authority (R-TR-4)" : "PENDING")}, got {answer.State} city_authority={answer.CityAuthority}");
        // R-TR-2 (chongqing): 7 calendar days to answer.
        Check(problems, answer.DueAt.ToDateTimeOffset() - answer.RequestedAt.ToDateTimeOffset() == HistoryRules.ConfirmationPeriod,
            $"transfer {answer.TransferId} due {answer.DueAt} for a request at {answer.RequestedAt}: not 7 days (R-TR-2)");
        var transfer = new ModelTransfer(answer.TransferId, r, answer.FromInstitutionCode, answer.ToInstitutionCode, answer.RequestedByInstitutionCode,
            answer.DueAt.ToDateTimeOffset());
        r.Transfers.Add(transfer);
        if (answer.State == TransferState.Completed)
            Complete(transfer, answer);
        else
            r.Pending = transfer;
    }

    private static void AnswerTransfer(List<string> problems, AnswerTransferOp a, TransferRequest answer)
    {
        var t = a.Transfer;
        if (t.State != TransferState.Pending)
        {
            Check(problems, answer.State == t.State, $"a repeated answer to {t} changed it to {answer.State}");
            return;
        }
        var state = a.Confirm ? TransferState.Completed : TransferState.Rejected;
        Check(problems, answer.State == state && answer.AnsweredByInstitutionCode == a.Answering && answer.TransferId == t.Id,
            $"answer to {t}: expected {state} by {a.Answering}, got {answer.State} by {answer.AnsweredByInstitutionCode}");
        if (answer.State == TransferState.Completed)
            Complete(t, answer);
        else if (answer.State == TransferState.Rejected)
        {
            t.State = TransferState.Rejected;
            t.AnsweredBy = answer.AnsweredByInstitutionCode;
            t.Record.Pending = null;
        }
    }

    /// <summary>Only a completed transfer changes the owner (R-TR-2); across districts it starts the 180 days (R-TR-5).</summary>
    private static void Complete(ModelTransfer t, TransferRequest answer)
    {
        t.State = TransferState.Completed;
        t.AnsweredBy = answer.AnsweredByInstitutionCode;
        t.Record.Owner = t.To;
        t.Record.Pending = null;
        if (t.CrossesDistricts)
            t.Record.LastCrossDistrictAt = answer.AnsweredAt.ToDateTimeOffset();
    }

    private static void Check(List<string> problems, bool ok, string what)
    {
        if (!ok)
            problems.Add(what);
    }
}
