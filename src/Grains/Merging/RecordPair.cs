using System.Text.Json.Serialization;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// Two record numbers as an unordered pair (the smaller first, ordinal), so (a, b) and (b, a) are
/// the same review-queue entry and a dismissal holds whichever way round the pair is found again.
/// </summary>
public sealed record RecordPair
{
    [JsonConstructor]
    private RecordPair(string first, string second)
    {
        First = first;
        Second = second;
    }

    public string First { get; }

    public string Second { get; }

    /// <summary>The queue key, e.g. <c>50010300100100001+50010500100100007</c>.</summary>
    public string Key => $"{First}+{Second}";

    public static RecordPair Of(string a, string b)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(a);
        ArgumentException.ThrowIfNullOrWhiteSpace(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
            throw new ArgumentException($"A record is no duplicate of itself ({a}).", nameof(b));
        return string.CompareOrdinal(a, b) < 0 ? new(a, b) : new(b, a);
    }

    public bool Contains(string recordNumber) =>
        string.Equals(First, recordNumber, StringComparison.Ordinal) || string.Equals(Second, recordNumber, StringComparison.Ordinal);

    public override string ToString() => Key;
}
