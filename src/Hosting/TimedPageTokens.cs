using System.Globalization;
using HealthRecords.Storage;

namespace HealthRecords.Hosting;

/// <summary>Page tokens of lists ordered by time then id (transfers, notices): the last item's time (ms) and id, through <see cref="Paging"/>.</summary>
public static class TimedPageTokens
{
    public static string Key(long atMs, string id) => $"{atMs.ToString(CultureInfo.InvariantCulture)}:{id}";

    public static TimedPageKey? After(string pageToken) => Paging.AfterKey(pageToken) is { } key ? Parse(key) : null;

    /// <summary>A key made by <see cref="Key"/>, read back; INVALID_ARGUMENT on page_token otherwise.</summary>
    public static TimedPageKey Parse(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(key[..colon], NumberStyles.Integer, CultureInfo.InvariantCulture, out var atMs)
            ? new TimedPageKey(atMs, key[(colon + 1)..])
            : throw Paging.InvalidToken();
    }
}
