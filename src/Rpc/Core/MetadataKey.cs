namespace HealthRecords.Rpc;

/// <summary>Key and value rules of the gRPC HTTP/2 spec (Header-Name, ASCII-Value).</summary>
internal static class MetadataKey
{
    public static bool IsBinary(string key) => key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal);

    public static string Normalize(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' contains '{c}'; only 0-9 a-z _ - . are allowed.", nameof(key));
            }
        }
        return lower;
    }

    public static void ValidateAsciiValue(string key, string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"Metadata value for '{key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
            }
        }
    }
}
