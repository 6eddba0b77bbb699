using System.CommandLine;
using HealthRecords.Contracts.District.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// inbox: what waits for this clinic's staff: transfers to answer before their deadline (R-TR-2), its own
/// waiting for the other clinic, and its residents served by other clinics, until read (R-OS-3).
/// </summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var command = new Command("inbox",
            "Show the transfers this clinic must answer and its own requests still waiting, oldest deadline first; then unread notices of its residents served elsewhere.");
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var items = new List<InboxItem>();
            var token = "";
            do
            {
                var page = await district.ListInboxAsync(0, token, ct);
                items.AddRange(page.Items);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            if (parse.GetValue(GlobalOptions.Json))
            {
                foreach (var item in items)
                    Output.Write(item, json: true, _ => { });
                return ExitCodes.Ok;
            }
            var toAnswer = items.Where(i => i.ItemCase == InboxItem.ItemOneofCase.TransferToAnswer).Select(i => i.TransferToAnswer).ToList();
            var waiting = items.Where(i => i.ItemCase == InboxItem.ItemOneofCase.TransferAwaitingAnswer).Select(i => i.TransferAwaitingAnswer).ToList();
            var notices = items.Where(i => i.ItemCase == InboxItem.ItemOneofCase.OffsiteServiceNotice).Select(i => i.OffsiteServiceNotice).ToList();
            var w = Console.Out;
            w.WriteLine($"To answer ({toAnswer.Count}): confirm with 'transfer answer --id ID --confirm', or refuse with 'transfer answer --id ID --reject REASON'");
            foreach (var t in toAnswer)
                TransferOutput.Line(w, t);
            w.WriteLine($"Waiting for the other clinic ({waiting.Count}):");
            foreach (var t in waiting)
                TransferOutput.Line(w, t);
            w.WriteLine($"Your residents served by other clinics, unread ({notices.Count}): mark each read with 'notice read NOTICE_ID --by STAFF'");
            foreach (var n in notices)
                OffsiteOutput.Notice(w, n);
            return ExitCodes.Ok;
        });
        return command;
    }
}
