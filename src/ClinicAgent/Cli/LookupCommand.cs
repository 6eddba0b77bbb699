using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>lookup: search the city's index by identity before enrolling (CQ-A1 2(2)).</summary>
internal static class LookupCommand
{
    public static Command Create()
    {
        var identity = new IdentityOptions();
        var command = new Command("lookup", "Is this resident enrolled anywhere in the city? Exit code 4 when not.");
        identity.AddTo(command);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var response = await district.LookupAsync(identity.Read(parse), ct);
            Output.Write(response, parse.GetValue(GlobalOptions.Json), w =>
            {
                if (!response.Enrolled)
                {
                    w.WriteLine("Not enrolled anywhere in the city.");
                    return;
                }
                w.WriteLine("Enrolled:");
                Output.Entry(w, response.Entry);
            });
            return response.Enrolled ? ExitCodes.Ok : ExitCodes.NotFound;
        });
        return command;
    }
}
