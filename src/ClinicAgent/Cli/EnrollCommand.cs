using System.CommandLine;
using System.Globalization;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>enroll: the city searches its index first and enrolls only if the resident has no record (R-ID-1, R-ID-5).</summary>
internal static class EnrollCommand
{
    public static Command Create()
    {
        var identity = new IdentityOptions();
        var name = new Option<string>("--name") { Description = "Resident's name", Required = true };
        var sex = new Option<string?>("--sex") { Description = "male or female (taken from the ID number when omitted)" };
        sex.AcceptOnlyFromAmong("male", "female");
        var birthDate = new Option<string?>("--birth-date") { Description = "yyyy-MM-dd (taken from the ID number when omitted)" };
        var committee = new Option<string>("--committee") { Description = "12-digit residents'/villagers' committee code of usual residence", Required = true };
        var staff = new Option<string>("--staff")
        {
            Description = "Staff member who enrolls (env HR_STAFF)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_STAFF") ?? "",
        };
        var phone = new Option<string?>("--phone") { Description = "Phone number" };
        var address = new Option<string?>("--address") { Description = "Current address" };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key; reuse it to retry the same enrollment safely" };
        var retries = new Option<int>("--retries") { Description = "Retries while the district is unreachable", DefaultValueFactory = _ => 3 };

        var command = new Command("enroll", "Enroll a resident (one person, one record city-wide).");
        identity.AddTo(command);
        foreach (var option in new Option[] { name, sex, birthDate, committee, staff, phone, address, requestId, retries })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var request = new EnrollResidentRequest
            {
                RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N"),
                EnrollingInstitutionCode = district.InstitutionCode,
                EnrolledBy = parse.GetValue(staff) ?? "",
                ResidenceCommitteeCode = parse.GetValue(committee)!,
                Identity = identity.Read(parse),
                Profile = new ResidentProfile
                {
                    Name = parse.GetValue(name)!,
                    Sex = parse.GetValue(sex) switch { "male" => Sex.Male, "female" => Sex.Female, _ => Sex.Unspecified },
                    DateOfBirth = ParseDate(parse.GetValue(birthDate)),
                    Phone = parse.GetValue(phone) ?? "",
                    CurrentAddress = parse.GetValue(address) ?? "",
                },
            };
            var entry = await WithRetries(() => district.EnrollAsync(request, ct), parse.GetValue(retries), request.RequestId, ct);
            Output.Write(entry, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine($"Enrolled: record {entry.RecordNumber}");
                Output.Entry(w, entry);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Retrying with the same request id is safe: the city answers a repeat with the same record.</summary>
    private static async Task<T> WithRetries<T>(Func<Task<T>> call, int retries, string requestId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable && attempt < retries)
            {
                Console.Error.WriteLine($"District unreachable ({e.Status.Detail}); retrying request {requestId}...");
                await Task.Delay(TimeSpan.FromMilliseconds(500 * (1 << attempt)), ct);
            }
        }
    }

    private static CalendarDate? ParseDate(string? text)
    {
        if (text is null)
            return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new UsageException($"--birth-date '{text}' is not a date of the form yyyy-MM-dd.");
        return new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day };
    }
}
