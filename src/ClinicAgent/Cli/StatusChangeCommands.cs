using System.CommandLine;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>status lost / death / move-out / reactivate: one status change of a record this clinic owns (R-ST-2..5).</summary>
internal static class StatusChangeCommands
{
    public static Command Lost()
    {
        var (record, requestId) = Common();
        var confirmedBy = new Option<string>("--confirmed-by") { Description = "The person who confirms (never automatic, R-ST-2)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why: e.g. unreachable by phone and address", Required = true };
        return Change("lost", "Mark a record lost to follow-up (失访), confirmed by a person (R-ST-2).", [record, confirmedBy, reason, requestId],
            (parse, district, ct) => district.MarkLostToFollowUpAsync(new MarkLostToFollowUpRequest
            {
                RequestId = RequestIds.Of(parse, requestId),
                RecordNumber = parse.GetValue(record)!.Trim(),
                ConfirmedBy = parse.GetValue(confirmedBy)!,
                Reason = parse.GetValue(reason)!,
            }, ct),
            e => $"Record {e.RecordNumber} marked lost to follow-up: archived, no longer counted as managed.");
    }

    public static Command Death()
    {
        var (record, requestId) = Common();
        var date = new Option<string>("--date") { Description = "Date of death, yyyy-MM-dd", Required = true };
        var cause = new Option<string>("--cause") { Description = "Cause of death", Required = true };
        var noticeDate = new Option<string>("--notice-date") { Description = "When the clinic learned of the death, yyyy-MM-dd", Required = true };
        var recordedBy = new Option<string>("--recorded-by") { Description = "Staff member who records it", Required = true };
        return Change("death", "Record a resident's death (死亡) with date and cause (R-ST-3); the record is archived.",
            [record, date, cause, noticeDate, recordedBy, requestId],
            (parse, district, ct) => district.RecordDeathAsync(new RecordDeathRequest
            {
                RequestId = RequestIds.Of(parse, requestId),
                RecordNumber = parse.GetValue(record)!.Trim(),
                DateOfDeath = CliDates.Parse(parse.GetValue(date)!, "--date"),
                Cause = parse.GetValue(cause)!,
                NoticeDate = CliDates.Parse(parse.GetValue(noticeDate)!, "--notice-date"),
                RecordedBy = parse.GetValue(recordedBy)!,
            }, ct),
            e => $"Death recorded for record {e.RecordNumber}: archived, it takes no updates and never transfers.");
    }

    public static Command MoveOut()
    {
        var (record, requestId) = Common();
        var leftOn = new Option<string>("--left-on") { Description = "When the resident left the city, yyyy-MM-dd", Required = true };
        var destination = new Option<string>("--destination") { Description = "Where the resident went", Required = true };
        var handover = new Option<string>("--handover") { Description = "How the record was handed over", Required = true };
        var recordedBy = new Option<string>("--recorded-by") { Description = "Staff member who records it", Required = true };
        return Change("move-out", "Record that a resident moved out of the city (迁出) for more than a year (R-ST-4); the record is archived.",
            [record, leftOn, destination, handover, recordedBy, requestId],
            (parse, district, ct) => district.RecordMoveOutAsync(new RecordMoveOutRequest
            {
                RequestId = RequestIds.Of(parse, requestId),
                RecordNumber = parse.GetValue(record)!.Trim(),
                LeftOn = CliDates.Parse(parse.GetValue(leftOn)!, "--left-on"),
                Destination = parse.GetValue(destination)!,
                Handover = parse.GetValue(handover)!,
                RecordedBy = parse.GetValue(recordedBy)!,
            }, ct),
            e => $"Record {e.RecordNumber} moved out of the city: archived, no longer counted as managed.");
    }

    public static Command Reactivate()
    {
        var (record, requestId) = Common();
        var cause = new Option<string>("--cause") { Description = "The service or contact that brought the resident back", Required = true };
        return Change("reactivate", "Reactivate a lost or moved-out record whose resident is served again (R-ST-5).", [record, cause, requestId],
            (parse, district, ct) => district.ReactivateRecordAsync(new ReactivateRecordRequest
            {
                RequestId = RequestIds.Of(parse, requestId),
                RecordNumber = parse.GetValue(record)!.Trim(),
                Cause = parse.GetValue(cause)!,
            }, ct),
            e => $"Record {e.RecordNumber} reactivated: active and counted as managed again.");
    }

    private static (Option<string> Record, Option<string?> RequestId) Common() =>
        (new Option<string>("--record") { Description = "17-digit record number", Required = true }, RequestIds.Option());

    private static Command Change(string name, string description, Option[] options,
        Func<ParseResult, DistrictConnection, CancellationToken, Task<MasterIndexEntry>> call, Func<MasterIndexEntry, string> done)
    {
        var command = new Command(name, description);
        foreach (var option in options)
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var entry = await call(parse, district, ct);
            Output.Write(entry, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine(done(entry));
                Output.Entry(w, entry);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
