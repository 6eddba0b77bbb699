using System.Globalization;

namespace HealthRecords.Rpc;

/// <summary>grpc-timeout: 1-8 ASCII digits followed by a unit H, M, S, m, u or n.</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
            amount = amount * 10 + (c - '0');
        }
        long ticks;
        switch (value[^1])
        {
            case 'H': ticks = amount * TimeSpan.TicksPerHour; break;
            case 'M': ticks = amount * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = amount * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = amount * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = amount * 10; break;
            case 'n': ticks = amount / 100; break;
            default: return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Largest precision that fits in 8 digits; rounds up so the server never sees a shorter deadline.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ms = Math.Max(1L, (long)Math.Ceiling(timeout.TotalMilliseconds));
        if (ms <= MaxValue)
        {
            return ms.ToString(CultureInfo.InvariantCulture) + "m";
        }
        var seconds = (ms + 999) / 1000;
        if (seconds <= MaxValue)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        }
        var minutes = (seconds + 59) / 60;
        if (minutes <= MaxValue)
        {
            return minutes.ToString(CultureInfo.InvariantCulture) + "M";
        }
        var hours = Math.Min(MaxValue, (minutes + 59) / 60);
        return hours.ToString(CultureInfo.InvariantCulture) + "H";
    }

    /// <summary>UtcNow + timeout, saturating at DateTime.MaxValue (= no deadline).</summary>
    public static DateTime ToDeadline(TimeSpan timeout)
    {
        var now = DateTime.UtcNow;
        return timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;
    }
}
