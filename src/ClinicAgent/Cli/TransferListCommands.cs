using System.CommandLine;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>transfer list / show: this clinic's transfers as the district knows them, and one transfer as the city has it.</summary>
internal static class TransferListCommands
{
    public static Command List()
    {
        var state = new Option<string?>("--state") { Description = "Only transfers in this state" };
        state.AcceptOnlyFromAmong("pending", "completed", "rejected", "expired");
        var command = new Command("list", "List this clinic's transfers (to or from it), newest first.");
        command.Options.Add(state);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var filter = parse.GetValue(state) switch
            {
                "pending" => TransferState.Pending,
                "completed" => TransferState.Completed,
                "rejected" => TransferState.Rejected,
                "expired" => TransferState.Expired,
                _ => TransferState.Unspecified,
            };
            return await Listing.PrintAllAsync<TransferRequest>(parse, async token =>
            {
                var page = await district.ListTransfersAsync(filter, 0, token, ct);
                return (page.Transfers, page.NextPageToken);
            }, TransferOutput.Line, "transfer(s)");
        });
        return command;
    }

    public static Command Show()
    {
        var id = new Option<string>("--id") { Description = "The transfer id", Required = true };
        var command = new Command("show", "Show one transfer as the city has it now.");
        command.Options.Add(id);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var transfer = await district.GetTransferAsync(parse.GetValue(id)!.Trim(), ct);
            Output.Write(transfer, parse.GetValue(GlobalOptions.Json), w => TransferOutput.Transfer(w, transfer));
            return ExitCodes.Ok;
        });
        return command;
    }
}
