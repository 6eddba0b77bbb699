using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// status: file a record's status change with the city at once (R-ST-1..7, R-ST-6): lost to follow-up,
/// deceased, moved out of the city, reactivated; and the proposals and history behind them.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Change a record's status (lost, death, move-out, reactivate), list candidates, show its history.");
        command.Subcommands.Add(StatusChangeCommands.Lost());
        command.Subcommands.Add(StatusChangeCommands.Death());
        command.Subcommands.Add(StatusChangeCommands.MoveOut());
        command.Subcommands.Add(StatusChangeCommands.Reactivate());
        command.Subcommands.Add(StatusListCommands.Candidates());
        command.Subcommands.Add(StatusListCommands.History());
        return command;
    }
}
