using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// transfer: move a record between owning clinics (转迁, R-TR-1..5). Either clinic asks, the other
/// confirms or refuses with a reason before the deadline; the city records it and changes the owner.
/// </summary>
internal static class TransferCommand
{
    public static Command Create()
    {
        var command = new Command("transfer", "Transfer a record to or from this clinic: request, answer, list, show.");
        command.Subcommands.Add(TransferRequestCommand.Create());
        command.Subcommands.Add(TransferAnswerCommand.Create());
        command.Subcommands.Add(TransferListCommands.List());
        command.Subcommands.Add(TransferListCommands.Show());
        return command;
    }
}
