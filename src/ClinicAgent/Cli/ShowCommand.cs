using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>show: the city's master index entry for a record number.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var recordNumber = new Argument<string>("record-number") { Description = "17-digit record number" };
        var command = new Command("show", "Show a record's master index entry (owner, status).");
        command.Arguments.Add(recordNumber);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var entry = await district.GetEntryAsync(parse.GetValue(recordNumber)!, ct);
            Output.Write(entry, parse.GetValue(GlobalOptions.Json), w => Output.Entry(w, entry));
            return ExitCodes.Ok;
        });
        return command;
    }
}
