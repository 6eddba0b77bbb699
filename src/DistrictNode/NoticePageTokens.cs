using HealthRecords.Hosting;
using HealthRecords.Storage.District;

namespace HealthRecords.DistrictNode;

/// <summary>Page tokens of notice listings: the receipt time (ms) and id of the last notice of a page, shaped like transfers' keys.</summary>
internal static class NoticePageTokens
{
    public static string Key(StoredNotice n) => TransferPageTokens.Key(n.ReceivedAt.ToUnixTimeMilliseconds(), n.Notice.NoticeId);

    public static NoticePageKey? After(string pageToken) => Paging.AfterKey(pageToken) is { } key ? Parse(key) : null;

    /// <summary>A key made by <see cref="Key"/>, read back; INVALID_ARGUMENT on page_token otherwise.</summary>
    public static NoticePageKey Parse(string key)
    {
        var read = TransferPageTokens.Parse(key);
        return new NoticePageKey(read.AtMs, read.TransferId);
    }
}
