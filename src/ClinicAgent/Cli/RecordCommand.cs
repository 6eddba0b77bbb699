using System.CommandLine;
using HealthRecords.ClinicAgent.Uploads;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>record: put one service record in the local queue (works offline); sync uploads it.</summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var recordNumber = new Option<string>("--record-number") { Description = "17-digit record number of the resident", Required = true };
        var kind = new Option<string>("--kind") { Description = "e.g. HEALTH_EXAMINATION, HYPERTENSION_FOLLOW_UP, VISIT", Required = true };
        var date = new Option<string>("--date") { Description = "Service date, yyyy-MM-dd", Required = true };
        var staff = new Option<string>("--staff") { Description = "Staff member who served (env HR_STAFF)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_STAFF") ?? "" };
        var problems = new Option<string[]>("--problem") { Description = "A main problem (repeatable)", AllowMultipleArgumentsPerToken = false };
        var measures = new Option<string[]>("--measure") { Description = "A measurement key=value, e.g. systolic_mmhg=150 (repeatable)" };
        var cost = new Option<long>("--cost-fen") { Description = "Cost in fen (1/100 yuan)" };
        var report = new Option<string?>("--report") { Description = "Report or conclusion" };
        var uploadId = new Option<string?>("--upload-id") { Description = "Upload id (default: a new unique id)" };
        var command = new Command("record", "Queue a service record locally; it is uploaded by 'sync'.");
        foreach (var option in new Option[] { recordNumber, kind, date, staff, problems, measures, cost, report, uploadId })
            command.Options.Add(option);
        command.SetAction(parse => AgentCommands.Run(() =>
        {
            var record = new ServiceRecord
            {
                UploadId = parse.GetValue(uploadId) ?? "",
                RecordNumber = parse.GetValue(recordNumber)!,
                Kind = ServiceRecordFiles.ParseKind(parse.GetValue(kind)!),
                ServiceDate = ServiceRecordFiles.ParseDate(parse.GetValue(date)!),
                InstitutionCode = parse.GetValue(GlobalOptions.Institution) ?? "",
                Staff = parse.GetValue(staff) ?? "",
                CostFen = parse.GetValue(cost),
                Report = parse.GetValue(report) ?? "",
            };
            record.MainProblems.AddRange(parse.GetValue(problems) ?? []);
            foreach (var m in parse.GetValue(measures) ?? [])
            {
                var eq = m.IndexOf('=');
                if (eq <= 0)
                    throw new UsageException($"--measure '{m}' is not key=value.");
                record.Measurements[m[..eq]] = m[(eq + 1)..];
            }
            using var queue = QueueOptions.Open(parse);
            queue.Enqueue([record]);
            Console.Out.WriteLine($"Queued {record.UploadId} ({queue.Count()} waiting). Run 'sync' to upload.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
