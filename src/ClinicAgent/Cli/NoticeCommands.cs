using System.CommandLine;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>notices / notice read: this clinic's residents served by other clinics (R-OS-3), and a staff member having read one.</summary>
internal static class NoticeCommands
{
    public static Command List()
    {
        var unread = new Option<bool>("--unread") { Description = "Only the notices nobody of this clinic has read yet" };
        var command = new Command("notices", "List the notices of this clinic's residents served by other clinics, newest first.");
        command.Options.Add(unread);
        command.SetDistrictAction((parse, district, ct) => Listing.PrintAllAsync<OffsiteServiceNotice>(parse, async token =>
        {
            var page = await district.ListOffsiteServiceNoticesAsync(parse.GetValue(unread), 0, token, ct);
            return (page.Notices, page.NextPageToken);
        }, OffsiteOutput.Notice, "notice(s)"));
        return command;
    }

    public static Command Read()
    {
        var id = new Argument<string>("notice-id") { Description = "The notice (see 'inbox' or 'notices')" };
        var by = new Option<string>("--by") { Description = "The staff member who read it", Required = true };
        var read = new Command("read", "Mark a notice read: it leaves the inbox; the first reader stays recorded.");
        read.Arguments.Add(id);
        read.Options.Add(by);
        read.SetDistrictAction(async (parse, district, ct) =>
        {
            var notice = await district.MarkNoticeReadAsync(parse.GetValue(id)!.Trim(), parse.GetValue(by)!.Trim(), ct);
            Output.Write(notice, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine($"Notice {notice.NoticeId} read by {notice.ReadBy} at {TransferOutput.Time(notice.ReadAt)}.");
                OffsiteOutput.Notice(w, notice);
            });
            return ExitCodes.Ok;
        });
        var command = new Command("notice", "Act on a notice of a resident served by another clinic (R-OS-3).");
        command.Subcommands.Add(read);
        return command;
    }
}
