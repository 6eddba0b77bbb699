using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>correction approve / reject: the designated administrator's decision (R-RC-3), never the requester's approval.</summary>
internal static class CorrectionDecisionCommands
{
    public static Command Approve()
    {
        var (correctionId, approver) = DecisionOptions();
        var command = new Command("approve", "Approve a correction: the record gets a new version; the old one stays readable.");
        command.Options.Add(correctionId);
        command.Options.Add(approver);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var correction = await district.ApproveCorrectionAsync(parse.GetValue(correctionId)!, parse.GetValue(approver) ?? "", ct);
            Output.Write(correction, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine($"Correction {correction.CorrectionId} approved; upload {correction.UploadId} has a new version.");
                CorrectionOutput.Correction(w, correction);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Reject()
    {
        var (correctionId, approver) = DecisionOptions();
        var reason = new Option<string>("--reason") { Description = "Why the correction is rejected", Required = true };
        var command = new Command("reject", "Reject a correction: the record stays as it is.");
        command.Options.Add(correctionId);
        command.Options.Add(approver);
        command.Options.Add(reason);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var correction = await district.RejectCorrectionAsync(parse.GetValue(correctionId)!, parse.GetValue(approver) ?? "", parse.GetValue(reason)!, ct);
            Output.Write(correction, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine($"Correction {correction.CorrectionId} rejected; upload {correction.UploadId} is unchanged.");
                CorrectionOutput.Correction(w, correction);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (Option<string> CorrectionId, Option<string> Approver) DecisionOptions() => (
        new Option<string>("--correction-id") { Description = "The correction to decide", Required = true },
        new Option<string>("--approver")
        {
            Description = "Staff id of a designated correction administrator of this clinic (env HR_STAFF)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_STAFF") ?? "",
        });
}
