using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Where the clinic's district is and who the clinic is; from options or HR_* environment variables.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> District = new("--district")
    {
        Description = "District node address, e.g. https://127.0.0.1:5103 (env HR_DISTRICT)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_DISTRICT") ?? "http://127.0.0.1:5103",
    };

    public static readonly Option<string> Institution = new("--institution")
    {
        Description = "This clinic's institution code, e.g. 500103C01 (env HR_INSTITUTION)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HR_INSTITUTION") ?? "",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print results as JSON (for scripts)",
        Recursive = true,
    };

    public static DistrictConnection Connect(ParseResult parse)
    {
        var institution = parse.GetValue(Institution);
        if (string.IsNullOrWhiteSpace(institution))
            throw new UsageException("--institution (or HR_INSTITUTION) is required: the code of this clinic.");
        return new DistrictConnection(parse.GetValue(District)!, institution.Trim(), userToken: Environment.GetEnvironmentVariable("HR_TOKEN"), // the user's token (R-AC-5)
            channelOptions: CertificateOptions.Read(parse));
    }
}

/// <summary>A mistake in the command line itself, reported before anything is sent.</summary>
internal sealed class UsageException(string message) : Exception(message);
