using System.CommandLine;
using HealthRecords.Contracts.City.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>status candidates / history: the lost-to-follow-up proposals (R-ST-2) and a record's changes (R-ST-7).</summary>
internal static class StatusListCommands
{
    public static Command Candidates()
    {
        var command = new Command("candidates", "List this clinic's active records with no service within the policy's period; a person confirms each.");
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var (token, total) = ("", 0);
            do
            {
                var page = await district.ListLostToFollowUpCandidatesAsync(0, token, ct);
                if (!json && total == 0 && page.Cutoff is { } cutoff)
                    Console.Out.WriteLine($"No service since {Output.Date(cutoff)}; confirm each with 'status lost --record N --confirmed-by NAME --reason TEXT':");
                foreach (var c in page.Candidates)
                    Output.Write(c, json, w => w.WriteLine($"{c.Entry.RecordNumber}  {(c.LastServiceDate is { } last
                        ? $"last service {Output.Date(last)}"
                        : $"never served, enrolled {c.Entry.EnrolledAt?.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}")}"));
                total += page.Candidates.Count;
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            if (!json)
                Console.Out.WriteLine($"{total} candidate(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command History()
    {
        var record = new Option<string>("--record") { Description = "17-digit record number", Required = true };
        var command = new Command("history", "Show every status and ownership change of a record, oldest first (R-ST-7).");
        command.Options.Add(record);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var token = "";
            do
            {
                var page = await district.ListRecordHistoryAsync(parse.GetValue(record)!.Trim(), 0, token, ct);
                foreach (var h in page.Entries)
                    Output.Write(h, json, w => w.WriteLine(
                        $"v{h.Version,-3} {TransferOutput.Time(h.OccurredAt)}  {h.Change,-24}  {Output.Status(h.Status)}, owner {h.OwningInstitutionCode}" +
                        $"  filed by {h.InstitutionCode}{(h.Reason.Length > 0 ? $": {h.Reason}" : "")}"));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            return ExitCodes.Ok;
        });
        return command;
    }
}
