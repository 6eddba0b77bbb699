using System.CommandLine;
using HealthRecords.Contracts.District.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>update-contact: the owning clinic keeps phone, address and employer current at each visit (R-ID-6).</summary>
internal static class UpdateContactCommand
{
    public static Command Create()
    {
        var recordNumber = new Argument<string>("record-number") { Description = "17-digit record number" };
        var phone = new Option<string?>("--phone") { Description = "New phone number" };
        var address = new Option<string?>("--address") { Description = "New current address" };
        var employer = new Option<string?>("--employer") { Description = "New employer" };
        var staff = new Option<string>("--staff")
        {
            Description = "Staff member making the change (env HR_STAFF)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_STAFF") ?? "",
        };
        var command = new Command("update-contact", "Update a resident's contact details.");
        command.Arguments.Add(recordNumber);
        foreach (var option in new Option[] { phone, address, employer, staff })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var entry = await district.UpdateContactAsync(new UpdateContactDetailsRequest
            {
                RequestId = Guid.NewGuid().ToString("N"),
                RecordNumber = parse.GetValue(recordNumber)!,
                InstitutionCode = district.InstitutionCode,
                UpdatedBy = parse.GetValue(staff) ?? "",
                Phone = parse.GetValue(phone) ?? "",
                CurrentAddress = parse.GetValue(address) ?? "",
                Employer = parse.GetValue(employer) ?? "",
            }, ct);
            Output.Write(entry, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine("Contact details updated.");
                Output.Entry(w, entry);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
