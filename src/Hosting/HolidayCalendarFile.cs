using System.Text.Json;
using HealthRecords.Grains.Policy;

namespace HealthRecords.Hosting;

/// <summary>
/// R-TR-2 (guangdong: 10 working days): the public holidays and make-up working days (调休) a city
/// publishes each year, read from <c>Policy:HolidayCalendarPath</c>, e.g.
/// <c>{"holidays": ["2026-10-01", …], "makeUpWorkdays": ["2026-09-27", …]}</c>.
/// </summary>
public static class HolidayCalendarFile
{
    public static HolidayCalendar Load(string path)
    {
        var file = JsonSerializer.Deserialize<Dates>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} holds no holiday calendar.");
        return new HolidayCalendar(file.Holidays ?? [], file.MakeUpWorkdays ?? []);
    }

    private sealed record Dates(DateOnly[]? Holidays, DateOnly[]? MakeUpWorkdays);
}
