using System.CommandLine;
using HealthRecords.ClinicAgent.Uploads;
using Spectre.Console;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>sync: upload the queue over one stream, with progress, resuming and retrying until it is empty.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var giveUp = new Option<int>("--give-up-after") { Description = "Seconds without progress before giving up (default 600)", DefaultValueFactory = _ => 600 };
        var command = new Command("sync", "Upload queued service records to the district.");
        command.Options.Add(giveUp);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            using var queue = QueueOptions.Open(parse);
            var total = queue.Count();
            var uploader = new Uploader(district, queue);
            var limit = TimeSpan.FromSeconds(parse.GetValue(giveUp));
            SyncProgress result;
            if (Console.IsOutputRedirected || parse.GetValue(GlobalOptions.Json))
                result = await uploader.SyncAsync(new PlainProgress(), limit, ct);
            else
                result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("uploading", maxValue: Math.Max(1, total));
                        return await uploader.SyncAsync(new Progress<SyncProgress>(p =>
                        {
                            task.Value = p.Acknowledged;
                            task.Description = p.Problem ?? $"{p.Acknowledged:N0} sent, {p.Remaining:N0} left, {p.RecordsPerSecond:N0}/s";
                        }), limit, ct);
                    });
            Console.Out.WriteLine($"Uploaded {result.Acknowledged - result.Rejected:N0}, refused {result.Rejected:N0}, {result.Remaining:N0} left in the queue.");
            foreach (var (id, code, reason) in queue.Rejections(20))
                Console.Out.WriteLine($"  refused {id}: [{code}] {reason}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Progress as a line every few seconds, for logs and scripts.</summary>
    private sealed class PlainProgress : IProgress<SyncProgress>
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(SyncProgress p)
        {
            if (p.Problem is null && DateTime.UtcNow - _last < TimeSpan.FromSeconds(2) && p.Remaining > 0)
                return;
            _last = DateTime.UtcNow;
            Console.Out.WriteLine(p.Problem ?? $"{p.Acknowledged} acknowledged, {p.Remaining} left, {p.RecordsPerSecond:0}/s");
        }
    }
}
