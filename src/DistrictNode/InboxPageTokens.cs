using HealthRecords.Grains.Transfers;
using HealthRecords.Hosting;
using HealthRecords.Storage;
using HealthRecords.Storage.District;

namespace HealthRecords.DistrictNode;

/// <summary>Where an inbox page starts: after a transfer, or, once the transfers are done, after an unread notice.</summary>
internal sealed record InboxPosition(TimedPageKey? AfterTransfer, TimedPageKey? AfterNotice, bool InNotices);

/// <summary>
/// One token sequence across the inbox's two parts, transfers then unread notices: each key names
/// its part, so a page may end in either and the next page goes on from there.
/// </summary>
internal static class InboxPageTokens
{
    private const string TransferPart = "transfer:";
    private const string NoticePart = "notice:";

    public static string Key(Transfer t) => TransferPart + TimedPageTokens.Key(t.DueAt.ToUnixTimeMilliseconds(), t.TransferId);

    public static string Key(StoredNotice n) => NoticePart + TimedPageTokens.Key(n.ReceivedAt.ToUnixTimeMilliseconds(), n.Notice.NoticeId);

    public static InboxPosition After(string pageToken) => Paging.AfterKey(pageToken) switch
    {
        null => new(null, null, InNotices: false),
        var key when key.StartsWith(TransferPart, StringComparison.Ordinal) => new(TimedPageTokens.Parse(key[TransferPart.Length..]), null, InNotices: false),
        var key when key.StartsWith(NoticePart, StringComparison.Ordinal) => new(null, TimedPageTokens.Parse(key[NoticePart.Length..]), InNotices: true),
        _ => throw Paging.InvalidToken(),
    };
}
