using System.Globalization;
using HealthRecords.Storage;

namespace HealthRecords.Hosting;

/// <summary>Page tokens of transfer listings: the time (ms) and id of the last transfer of a page, through <see cref="Paging"/>.</summary>
public static class TransferPageTokens
{
    public static string Key(long atMs, string transferId) => $"{atMs.ToString(CultureInfo.InvariantCulture)}:{transferId}";

    public static TransferPageKey? After(string pageToken) => Paging.AfterKey(pageToken) is { } key ? Parse(key) : null;

    /// <summary>A key made by <see cref="Key"/>, read back; INVALID_ARGUMENT on page_token otherwise.</summary>
    public static TransferPageKey Parse(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(key[..colon], NumberStyles.Integer, CultureInfo.InvariantCulture, out var atMs)
            ? new TransferPageKey(atMs, key[(colon + 1)..])
            : throw Paging.InvalidToken();
    }
}
