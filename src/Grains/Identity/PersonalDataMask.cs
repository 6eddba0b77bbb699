using System.Text;

namespace HealthRecords.Grains.Identity;

/// <summary>Masked forms of identity data for logs and messages (R-AC-6: identity numbers are personal data).</summary>
internal static class PersonalDataMask
{
    /// <summary>Keeps the first <paramref name="head"/> and last <paramref name="tail"/> characters, stars in between.</summary>
    public static string Middle(string value, int head, int tail)
    {
        if (value.Length <= head + tail)
        {
            return new string('*', value.Length);
        }

        return string.Concat(value.AsSpan(0, head), new string('*', value.Length - head - tail), value.AsSpan(value.Length - tail));
    }

    /// <summary>Keeps the first character (code point) of a name and stars the rest: 王小明 → 王**; a one-character name is fully starred.</summary>
    public static string Name(string name)
    {
        var runes = name.EnumerateRunes().ToArray();
        if (runes.Length <= 1)
        {
            return new string('*', runes.Length);
        }

        var builder = new StringBuilder();
        builder.Append(runes[0].ToString());
        builder.Append('*', runes.Length - 1);
        return builder.ToString();
    }
}
