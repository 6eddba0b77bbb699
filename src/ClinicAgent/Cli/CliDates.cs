using HealthRecords.ClinicAgent.Uploads;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Dates typed on the command line (yyyy-MM-dd); a wrong one is a usage error naming its option.</summary>
internal static class CliDates
{
    public static CalendarDate Parse(string text, string option)
    {
        try
        {
            return ServiceRecordFiles.ParseDate(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}.");
        }
    }
}
