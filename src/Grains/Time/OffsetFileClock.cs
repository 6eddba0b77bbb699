using System.Globalization;

namespace HealthRecords.Grains.Time;

/// <summary>
/// The system clock shifted by a number of seconds read from a file (<c>Clock:OffsetFile</c>), so
/// that tests of real processes can move every node to the day a deadline or period ends (7 days,
/// 180 days, a year) without sleeping. The file is re-read whenever it changes; a missing or empty
/// file means no offset. Not for production: nodes use <see cref="TimeProvider.System"/> unless configured.
/// </summary>
public sealed class OffsetFileClock(string path) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTime _seenWriteTime = DateTime.MinValue;
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset();

    /// <summary>Writes the offset for every process reading <paramref name="path"/>; atomic by rename.</summary>
    public static void Write(string path, TimeSpan offset)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ((long)offset.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
    }

    private TimeSpan Offset()
    {
        var written = File.GetLastWriteTimeUtc(path); // 1601-01-01 when the file does not exist
        lock (_gate)
        {
            if (written != _seenWriteTime)
            {
                _offset = Read();
                _seenWriteTime = written;
            }
            return _offset;
        }
    }

    private TimeSpan Read()
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(long.Parse(text, CultureInfo.InvariantCulture));
        }
        catch (FileNotFoundException)
        {
            return TimeSpan.Zero;
        }
    }
}
