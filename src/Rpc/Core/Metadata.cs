using System.Collections;

namespace HealthRecords.Rpc;

/// <summary>
/// Custom call metadata (HTTP/2 headers or trailers). Keys are lower-cased; keys ending in
/// <c>-bin</c> carry bytes (base64 on the wire), all others printable ASCII text.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = new();

    public int Count => _entries.Count;

    public void Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = MetadataKey.Normalize(key);
        if (MetadataKey.IsBinary(normalized))
        {
            throw new ArgumentException($"Key '{normalized}' ends in '-bin' and needs a byte[] value.", nameof(key));
        }
        MetadataKey.ValidateAsciiValue(normalized, value);
        _entries.Add(new Entry(normalized, value, null));
    }

    public void Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = MetadataKey.Normalize(key);
        if (!MetadataKey.IsBinary(normalized))
        {
            throw new ArgumentException($"Key '{normalized}' must end in '-bin' to carry a byte[] value.", nameof(key));
        }
        _entries.Add(new Entry(normalized, null, value));
    }

    /// <summary>Last text value stored under <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) => Find(key)?.Value;

    /// <summary>Last binary value stored under <paramref name="key"/> (a <c>-bin</c> key), or null.</summary>
    public byte[]? GetValueBytes(string key) => Find(key)?.ValueBytes;

    /// <summary>All entries stored under <paramref name="key"/>, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return _entries.Where(e => e.Key == normalized);
    }

    public bool Remove(string key) => _entries.RemoveAll(e => e.Key == key.ToLowerInvariant()) > 0;

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Wire decoding has already validated/normalized the key and value.
    internal void AddTrusted(Entry entry) => _entries.Add(entry);

    private Entry? Find(string key)
    {
        var normalized = key.ToLowerInvariant();
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>One metadata entry: exactly one of <see cref="Value"/> / <see cref="ValueBytes"/> is set.</summary>
    public sealed record Entry(string Key, string? Value, byte[]? ValueBytes)
    {
        public bool IsBinary => ValueBytes is not null;

        public override string ToString() => IsBinary ? $"{Key}: <{ValueBytes!.Length} bytes>" : $"{Key}: {Value}";
    }
}
