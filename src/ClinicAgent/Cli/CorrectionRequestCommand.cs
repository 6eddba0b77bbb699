using System.CommandLine;
using HealthRecords.Contracts.City.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>correction request: asks for a correction with reason and evidence (R-RC-3); it waits for the designated administrator.</summary>
internal static class CorrectionRequestCommand
{
    public static Command Create()
    {
        var uploadId = new Option<string>("--upload-id") { Description = "Upload id of the saved service record", Required = true };
        var correctionId = new Option<string?>("--correction-id") { Description = "Idempotency key; reuse it to retry the same request safely (default: a new id)" };
        var requestedBy = new Option<string>("--requested-by")
        {
            Description = "Staff id of the requester (env HR_STAFF); the requester cannot approve",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_STAFF") ?? "",
        };
        var reason = new Option<string>("--reason") { Description = "Why the record is wrong", Required = true };
        var evidence = new Option<string>("--evidence") { Description = "What shows the right value, e.g. the paper form", Required = true };
        var set = new Option<string[]>("--set") { Description = "A measurement to set, key=value; key= removes it (repeatable)" };
        var mainProblems = new Option<string?>("--main-problems") { Description = "Replace the main problems, comma-separated; \"\" clears them" };
        var command = new Command("request", "Request the correction of a saved service record.");
        foreach (var option in new Option[] { uploadId, correctionId, requestedBy, reason, evidence, set, mainProblems })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var request = new RequestCorrectionRequest
            {
                CorrectionId = parse.GetValue(correctionId) ?? Guid.NewGuid().ToString("N"),
                UploadId = parse.GetValue(uploadId)!,
                RequestedBy = parse.GetValue(requestedBy) ?? "",
                Reason = parse.GetValue(reason)!,
                Evidence = parse.GetValue(evidence)!,
            };
            foreach (var change in parse.GetValue(set) ?? [])
            {
                var eq = change.IndexOf('=');
                if (eq <= 0)
                    throw new UsageException($"--set '{change}' is not key=value.");
                request.ChangedMeasurements[change[..eq]] = change[(eq + 1)..];
            }
            if (parse.GetValue(mainProblems) is { } problems)
            {
                request.ChangedMainProblems.AddRange(problems.Split(',', '，').Select(p => p.Trim()).Where(p => p.Length > 0));
                request.ClearMainProblems = request.ChangedMainProblems.Count == 0;
            }
            var correction = await district.RequestCorrectionAsync(request, ct);
            Output.Write(correction, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine($"Correction {correction.CorrectionId} requested; waiting for a designated administrator of {correction.InstitutionCode}.");
                CorrectionOutput.Correction(w, correction);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
