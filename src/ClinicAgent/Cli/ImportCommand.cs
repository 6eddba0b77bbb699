using System.CommandLine;
using HealthRecords.ClinicAgent.Uploads;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>import: queue many service records from a .jsonl or .csv file, streamed in chunks.</summary>
internal static class ImportCommand
{
    private const int Chunk = 5000;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A .jsonl (protobuf JSON per line) or .csv file of service records" };
        var command = new Command("import", "Queue service records from a file; 'sync' uploads them.");
        command.Arguments.Add(file);
        command.SetAction(parse => AgentCommands.Run(() =>
        {
            using var queue = QueueOptions.Open(parse);
            var institution = parse.GetValue(GlobalOptions.Institution)!.Trim();
            long read = 0, added = 0;
            foreach (var chunk in ServiceRecordFiles.Read(parse.GetValue(file)!, institution).Chunk(Chunk))
            {
                read += chunk.Length;
                added += queue.Enqueue(chunk);
            }
            Console.Out.WriteLine($"Read {read} record(s); queued {added} new ({read - added} were already queued). {queue.Count()} waiting.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
