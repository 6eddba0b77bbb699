using System.CommandLine;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// offsite lookup: before serving a resident whose record another clinic owns, see the basic information
/// and recent follow-ups (R-OS-2) and whether this year's free services were given (R-OS-4). The city
/// allows it for key-population residents living here less than 6 months (R-OS-1), otherwise with the
/// resident's authorization, and logs every lookup.
/// </summary>
internal static class OffsiteLookupCommand
{
    public static Command Create()
    {
        var record = new Option<string?>("--record") { Description = "17-digit record number (or identify the resident with the identity options)" };
        var identity = new IdentityOptions();
        var staff = new Option<string>("--staff") { Description = "Who looks the resident up (kept in the access log)", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "Why, e.g. 老年人年度体检", Required = true };
        var method = new Option<string?>("--authorization-method") { Description = "The resident's authorization, when not of a key population: how it was given" };
        method.AcceptOnlyFromAmong([.. TransferRequestCommand.Consents.Keys]);
        var evidence = new Option<string?>("--authorization-evidence") { Description = "What proves the authorization, e.g. the signed form's number" };
        var monthsHere = new Option<int?>("--months-here") { Description = "How many months the resident has lived here (off-site service is for less than 6)" };
        var command = new Command("lookup", "Look up a resident this clinic serves but does not own: basic information, key populations, recent services.");
        command.Options.Add(record);
        identity.AddTo(command);
        foreach (var option in new Option[] { staff, purpose, method, evidence, monthsHere })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var request = new GetOffsiteSummaryRequest { Staff = parse.GetValue(staff)!.Trim(), Purpose = parse.GetValue(purpose)!.Trim() };
            if (parse.GetValue(record) is { } number)
                request.RecordNumber = identity.AnyGiven(parse)
                    ? throw new UsageException("Give either --record or the identity options, not both.")
                    : number.Trim();
            else
                request.Identity = identity.Read(parse);
            if (parse.GetValue(method) is not null || parse.GetValue(evidence) is not null)
                request.Authorization = new ResidentAuthorization
                {
                    Method = parse.GetValue(method) is { } m ? TransferRequestCommand.Consents[m] : ConsentMethod.Unspecified,
                    Evidence = parse.GetValue(evidence)?.Trim() ?? "",
                };
            if (parse.GetValue(monthsHere) is { } months)
                request.MonthsResidentHere = months;
            var summary = await district.GetOffsiteSummaryAsync(request, ct);
            Output.Write(summary, parse.GetValue(GlobalOptions.Json), w => OffsiteOutput.Summary(w, summary));
            return ExitCodes.Ok;
        });
        return command;
    }
}
