using System.CommandLine;
using HealthRecords.ClinicAgent.Uploads;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Where the clinic's offline queue lives: --queue, HR_QUEUE, or a file per institution in the user's data folder.</summary>
internal static class QueueOptions
{
    public static readonly Option<string?> Queue = new("--queue")
    {
        Description = "Path of the local upload queue (env HR_QUEUE; default ~/.local/share/healthrecords/<institution>/queue.db)",
        Recursive = true,
    };

    public static UploadQueue Open(ParseResult parse)
    {
        var institution = parse.GetValue(GlobalOptions.Institution);
        if (string.IsNullOrWhiteSpace(institution))
            throw new UsageException("--institution (or HR_INSTITUTION) is required: the code of this clinic.");
        var path = parse.GetValue(Queue) ?? Environment.GetEnvironmentVariable("HR_QUEUE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "healthrecords", institution.Trim(), "queue.db");
        return new UploadQueue(path);
    }
}
