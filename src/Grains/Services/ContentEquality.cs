namespace HealthRecords.Grains.Services;

/// <summary>
/// Content comparison of the collections inside the service records: records compare lists and
/// dictionaries by reference by default, which would make the same upload sent twice look different.
/// </summary>
internal static class ContentEquality
{
    public static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b, StringComparer.Ordinal));

    public static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static int ListHash(IReadOnlyList<string>? list)
    {
        var hash = new HashCode();
        foreach (var item in list ?? [])
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    // Order-independent: dictionaries with the same entries in another order are equal.
    public static int MapHash(IReadOnlyDictionary<string, string>? map)
    {
        var sum = 0;
        foreach (var (key, value) in map ?? new Dictionary<string, string>())
        {
            sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
        }

        return sum;
    }
}
