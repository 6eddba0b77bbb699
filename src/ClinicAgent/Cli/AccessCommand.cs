using System.CommandLine;
using System.Globalization;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// access: the resident's authorization of the signed-in user (HR_TOKEN) to read a record this
/// clinic does not own (R-AC-2, R-OS-2). The city texts the resident a one-time code; the resident
/// reads it to the user, who confirms it here.
/// </summary>
internal static class AccessCommand
{
    public static Command Create()
    {
        var command = new Command("access", "The resident's authorization to read a record another clinic owns: request the code, confirm it.");
        command.Subcommands.Add(RequestCode());
        command.Subcommands.Add(Confirm());
        return command;
    }

    private static Command RequestCode()
    {
        var record = new Option<string>("--record") { Description = "17-digit record number", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "Why you need to read it (kept with the grant and in the access log)", Required = true };
        var command = new Command("request-code", "Have the city text the resident a one-time code for you.");
        command.Options.Add(record);
        command.Options.Add(purpose);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var challenge = await district.RequestResidentCodeAsync(parse.GetValue(record)!.Trim(), parse.GetValue(purpose)!.Trim(), ct);
            Output.Write(challenge, parse.GetValue(GlobalOptions.Json), w =>
                w.WriteLine($"Code sent to {challenge.SentTo}, valid until {Time(challenge.ExpiresAt)}, {challenge.AttemptsAllowed} attempt(s). " +
                    $"Confirm with: access confirm --challenge {challenge.ChallengeId} --code CODE"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Confirm()
    {
        var challenge = new Option<string>("--challenge") { Description = "The challenge id that request-code printed", Required = true };
        var code = new Option<string>("--code") { Description = "The 6-digit code the resident received", Required = true };
        var command = new Command("confirm", "Confirm the resident's code: you may then read the record until the grant expires.");
        command.Options.Add(challenge);
        command.Options.Add(code);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var grant = await district.ConfirmResidentCodeAsync(parse.GetValue(challenge)!.Trim(), parse.GetValue(code)!.Trim(), ct);
            Output.Write(grant, parse.GetValue(GlobalOptions.Json), w =>
                w.WriteLine($"Grant {grant.GrantId}: {grant.User} of {grant.InstitutionCode} may read record {grant.RecordNumber} until {Time(grant.ExpiresAt)}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Time(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "-" : at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
