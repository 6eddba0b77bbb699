using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// offsite: serving a resident whose record another clinic owns (异地服务, R-OS-1..5): look the
/// resident up through the city, see who looked up what, count the year's off-site services.
/// </summary>
internal static class OffsiteCommand
{
    public static Command Create()
    {
        var command = new Command("offsite", "Off-site service: look up a resident another clinic owns, the access log, the year's counts.");
        command.Subcommands.Add(OffsiteLookupCommand.Create());
        command.Subcommands.Add(OffsiteReportCommands.Audit());
        command.Subcommands.Add(OffsiteReportCommands.Counts());
        return command;
    }
}
