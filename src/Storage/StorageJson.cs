using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthRecords.Storage;

internal static class StorageJson
{
    // Names and addresses are Chinese: keep them readable in the database rather than \u-escaped.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
