using System.CommandLine;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>
/// correct-identity: the owning clinic corrects name, sex or date of birth with the resident's or
/// guardian's consent (R-ID-6), e.g. after a merge was refused for contradictions (R-MG-2).
/// </summary>
internal static class CorrectIdentityCommand
{
    public static Command Create()
    {
        var record = new Option<string>("--record") { Description = "17-digit record number", Required = true };
        var consent = new Option<string>("--consent") { Description = "Who consented and how, e.g. \"resident, signed form on site\" (R-ID-6)", Required = true };
        var recordedBy = new Option<string>("--recorded-by") { Description = "Staff member who records it", Required = true };
        var name = new Option<string?>("--name") { Description = "Corrected name" };
        var sex = new Option<string?>("--sex") { Description = "Corrected sex: male or female" };
        sex.AcceptOnlyFromAmong("male", "female");
        var birthDate = new Option<string?>("--birth-date") { Description = "Corrected date of birth, yyyy-MM-dd" };
        var requestId = RequestIds.Option();
        var command = new Command("correct-identity", "Correct a resident's name, sex or date of birth, with consent (R-ID-6).");
        foreach (var option in new Option[] { record, consent, recordedBy, name, sex, birthDate, requestId })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var request = new CorrectBasicInformationRequest
            {
                RequestId = RequestIds.Of(parse, requestId),
                RecordNumber = parse.GetValue(record)!.Trim(),
                Consent = parse.GetValue(consent)!,
                RecordedBy = parse.GetValue(recordedBy)!,
                Name = parse.GetValue(name) ?? "",
                Sex = parse.GetValue(sex) switch { "male" => Sex.Male, "female" => Sex.Female, _ => Sex.Unspecified },
                DateOfBirth = parse.GetValue(birthDate) is { } born ? CliDates.Parse(born, "--birth-date") : null,
            };
            var entry = await district.CorrectBasicInformationAsync(request, ct);
            Output.Write(entry, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine("Basic information corrected.");
                Output.Entry(w, entry);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
