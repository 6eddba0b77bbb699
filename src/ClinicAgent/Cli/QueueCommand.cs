using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>queue: what is waiting to be uploaded, and what the district refused and why.</summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "Show the local upload queue and refused records.");
        command.SetAction(parse => AgentCommands.Run(() =>
        {
            using var queue = QueueOptions.Open(parse);
            Console.Out.WriteLine($"{queue.Count()} waiting to upload, {queue.RejectedCount()} refused.");
            foreach (var (id, code, reason) in queue.Rejections(50))
                Console.Out.WriteLine($"  refused {id}: [{code}] {reason}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
