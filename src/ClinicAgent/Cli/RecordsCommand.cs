using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>records: the records this clinic owns, as its district holds them, page by page.</summary>
internal static class RecordsCommand
{
    public static Command Create()
    {
        var pageSize = new Option<int>("--page-size") { Description = "Records per page (max 1000)", DefaultValueFactory = _ => 100 };
        var all = new Option<bool>("--all") { Description = "Fetch every page" };
        var command = new Command("records", "List the records this clinic owns.");
        command.Options.Add(pageSize);
        command.Options.Add(all);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var token = "";
            var total = 0;
            do
            {
                var page = await district.ListRecordsAsync(parse.GetValue(pageSize), token, ct);
                foreach (var e in page.Entries)
                    Output.Write(e, parse.GetValue(GlobalOptions.Json),
                        w => w.WriteLine($"{e.RecordNumber}  {e.IdentityMasked,-20}  {Output.Status(e.Status)}"));
                total += page.Entries.Count;
                token = page.NextPageToken;
            }
            while (parse.GetValue(all) && token.Length > 0);
            if (!parse.GetValue(GlobalOptions.Json))
                Console.Out.WriteLine(token.Length > 0 ? $"{total} shown; more with --all." : $"{total} record(s).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
