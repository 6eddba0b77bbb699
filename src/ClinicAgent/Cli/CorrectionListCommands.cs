using System.CommandLine;
using HealthRecords.Contracts.City.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>correction list / versions: what is waiting for a decision, and a record's kept versions (R-RC-3).</summary>
internal static class CorrectionListCommands
{
    public static Command List()
    {
        var state = new Option<string?>("--state") { Description = "Only corrections in this state" };
        state.AcceptOnlyFromAmong("pending", "approved", "rejected");
        var command = new Command("list", "List this clinic's corrections, by correction id.");
        command.Options.Add(state);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var filter = parse.GetValue(state) switch
            {
                "pending" => CorrectionState.Pending,
                "approved" => CorrectionState.Approved,
                "rejected" => CorrectionState.Rejected,
                _ => CorrectionState.Unspecified,
            };
            var json = parse.GetValue(GlobalOptions.Json);
            var (token, total) = ("", 0);
            do
            {
                var page = await district.ListCorrectionsAsync(filter, 0, token, ct);
                foreach (var c in page.Corrections)
                    Output.Write(c, json, w => CorrectionOutput.Line(w, c));
                total += page.Corrections.Count;
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            if (!json)
                Console.Out.WriteLine($"{total} correction(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Versions()
    {
        var uploadId = new Option<string>("--upload-id") { Description = "Upload id of the service record", Required = true };
        var command = new Command("versions", "Show every version of a service record, oldest first.");
        command.Options.Add(uploadId);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var token = "";
            do
            {
                var page = await district.ListServiceRecordVersionsAsync(parse.GetValue(uploadId)!, 0, token, ct);
                foreach (var v in page.Versions)
                    Output.Write(v, json, w => CorrectionOutput.Version(w, v));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            return ExitCodes.Ok;
        });
        return command;
    }
}
