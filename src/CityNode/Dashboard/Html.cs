using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using HealthRecords.Grains.Time;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>Text into HTML: everything from storage or configuration goes through <see cref="E"/>.</summary>
internal static class Html
{
    // All ranges allowed, so Chinese names stay readable in the source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>China Standard Time, as the administrators read clocks.</summary>
    public static string Time(DateTimeOffset instant) =>
        instant.ToOffset(CityTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
        : span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>The anti-forgery field every form posts back.</summary>
    public static string TokenField(FormToken token) => $"""<input type="hidden" name="{E(token.FieldName)}" value="{E(token.Value)}">""";
}

/// <summary>An anti-forgery token to put in a form.</summary>
public sealed record FormToken(string FieldName, string Value);
