using System.Globalization;
using HealthRecords.Grains.Validation;
using HealthRecords.Storage;

namespace HealthRecords.Hosting;

/// <summary>Page tokens of transfer listings: the time (ms) and id of the last transfer of a page, through <see cref="Paging"/>.</summary>
public static class TransferPageTokens
{
    public static string Key(long atMs, string transferId) => $"{atMs.ToString(CultureInfo.InvariantCulture)}:{transferId}";

    public static TransferPageKey? After(string pageToken)
    {
        if (Paging.AfterKey(pageToken) is not { } key)
            return null;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(key[..colon], NumberStyles.Integer, CultureInfo.InvariantCulture, out var atMs)
            ? new TransferPageKey(atMs, key[(colon + 1)..])
            : throw new DomainValidationException([new FieldViolation("page_token", "is not a token returned by a previous call.")]);
    }
}
