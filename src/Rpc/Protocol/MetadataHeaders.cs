using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace HealthRecords.Rpc;

/// <summary>Metadata to and from HTTP/2 header fields; binary values are base64 (padded or not on input).</summary>
internal static class MetadataHeaders
{
    public static string EncodeBinary(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    public static bool TryDecodeBinary(string value, out byte[] bytes)
    {
        var trimmed = value.Trim();
        var padding = (4 - trimmed.Length % 4) % 4;
        if (padding == 3)
        {
            bytes = [];
            return false;
        }
        try
        {
            bytes = Convert.FromBase64String(padding == 0 ? trimmed : trimmed + new string('=', padding));
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    public static string WireValue(Metadata.Entry entry) =>
        entry.ValueBytes is { } bytes ? EncodeBinary(bytes) : entry.Value ?? "";

    /// <summary>Adds one received header to <paramref name="target"/> unless reserved or undecodable.</summary>
    public static void AddReceived(Metadata target, string name, string value)
    {
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return;
        }
        var key = name.ToLowerInvariant();
        if (MetadataKey.IsBinary(key))
        {
            // A peer may fold repeated binary headers into one comma-separated value.
            foreach (var part in value.Split(','))
            {
                if (TryDecodeBinary(part, out var bytes))
                {
                    target.AddTrusted(new Metadata.Entry(key, null, bytes));
                }
            }
        }
        else
        {
            target.AddTrusted(new Metadata.Entry(key, value, null));
        }
    }

    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    AddReceived(metadata, header.Key, value);
                }
            }
        }
        return metadata;
    }

    public static void AppendTo(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, WireValue(entry));
        }
    }

    public static Metadata FromResponse(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                AddReceived(metadata, header.Key, value);
            }
        }
        return metadata;
    }

    public static void AppendTo(HttpRequestHeaders headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.TryAddWithoutValidation(entry.Key, WireValue(entry));
        }
    }
}
