using System.Text;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Hosting;

/// <summary>AIP-158 paging: page_size (0 → default, capped at the maximum) and an opaque page token.</summary>
public static class Paging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    private const string Prefix = "after:";

    public static int PageSize(int requested) => PageSize(requested, DefaultPageSize, MaxPageSize);

    /// <summary>For a list whose items are large (e.g. reconciliation runs): its own default and maximum.</summary>
    public static int PageSize(int requested, int defaultSize, int maxSize)
    {
        if (requested < 0)
            throw new DomainValidationException([new FieldViolation("page_size", "must not be negative.")]);
        return requested == 0 ? defaultSize : Math.Min(requested, maxSize);
    }

    /// <summary>The key after which the page starts; null for the first page.</summary>
    public static string? AfterKey(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken))
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(pageToken));
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
                return text[Prefix.Length..];
        }
        catch (FormatException)
        {
        }
        throw InvalidToken();
    }

    /// <summary>INVALID_ARGUMENT on page_token: a token this service did not make, or whose key it cannot read.</summary>
    public static DomainValidationException InvalidToken() =>
        new([new FieldViolation("page_token", "is not a token returned by a previous call.")]);

    /// <summary>A page of a list held in memory, ordered by <paramref name="key"/> (ordinal), e.g. every clinic of the topology.</summary>
    public static (IReadOnlyList<T> Items, string NextPageToken) Page<T>(IEnumerable<T> ordered, int pageSize, string pageToken, Func<T, string> key)
    {
        var size = PageSize(pageSize);
        var after = AfterKey(pageToken);
        return Cut(ordered.Where(x => after is null || string.CompareOrdinal(key(x), after) > 0).Take(size + 1).ToList(), size, key);
    }

    /// <summary>
    /// Cuts a page from rows fetched with limit pageSize + 1: the extra row only tells that a next
    /// page exists, so the last page never comes with a token that leads to an empty page.
    /// </summary>
    public static (IReadOnlyList<T> Items, string NextPageToken) Cut<T>(IReadOnlyList<T> fetched, int pageSize, Func<T, string> key)
    {
        if (fetched.Count <= pageSize)
            return (fetched, "");
        var items = fetched.Take(pageSize).ToList();
        return (items, Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + key(items[^1]))));
    }
}
