using System.CommandLine;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>offsite audit / counts: who looked up which resident and why (R-AC-5), and the year's off-site services per clinic (R-OS-5).</summary>
internal static class OffsiteReportCommands
{
    /// <remarks>
    /// Without --record: the lookups made by this clinic, the one the global --institution names (a clinic
    /// reads no other clinic's log, so that option is the only institution it could give).
    /// </remarks>
    public static Command Audit()
    {
        var record = new Option<string?>("--record") { Description = "The lookups of a record this clinic owns (default: the lookups this clinic made)" };
        var command = new Command("audit", "List lookups of off-site summaries, oldest first: those this clinic made, or those of a record it owns (--record).");
        command.Options.Add(record);
        command.SetDistrictAction((parse, district, ct) =>
        {
            var number = parse.GetValue(record)?.Trim() ?? "";
            var institution = number.Length > 0 ? "" : district.InstitutionCode;
            return Listing.PrintAllAsync<AccessAuditEntry>(parse, async token =>
            {
                var page = await district.ListAccessAuditAsync(number, institution, 0, token, ct);
                return (page.Entries, page.NextPageToken);
            }, OffsiteOutput.Audit, "lookup(s)");
        });
        return command;
    }

    public static Command Counts()
    {
        var year = new Option<int>("--year") { Description = "Calendar year of the services, e.g. 2026", Required = true };
        var command = new Command("counts", "Count the year's off-site services of this district's clinics: given for other clinics, and received elsewhere.");
        command.Options.Add(year);
        command.SetDistrictAction((parse, district, ct) => Listing.PrintAllAsync<OffsiteServiceCount>(parse, async token =>
        {
            var page = await district.ListOffsiteServiceCountsAsync(parse.GetValue(year), 0, token, ct);
            return (page.Counts, page.NextPageToken);
        }, OffsiteOutput.Count, "row(s)"));
        return command;
    }
}
