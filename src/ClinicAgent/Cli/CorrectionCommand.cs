using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// correction: request, approve, reject and follow corrections of this clinic's saved service
/// records (勘误, R-RC-3). The city decides; a saved record is never edited in place.
/// </summary>
internal static class CorrectionCommand
{
    public static Command Create()
    {
        var command = new Command("correction", "Correct a saved service record: request, approve or reject, list, show versions.");
        command.Subcommands.Add(CorrectionRequestCommand.Create());
        command.Subcommands.Add(CorrectionDecisionCommands.Approve());
        command.Subcommands.Add(CorrectionDecisionCommands.Reject());
        command.Subcommands.Add(CorrectionListCommands.List());
        command.Subcommands.Add(CorrectionListCommands.Versions());
        return command;
    }
}
