using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Off-site service as text for the clinic's staff: notices, a resident's summary, the access log, counts.</summary>
internal static class OffsiteOutput
{
    /// <summary>R-OS-3: who served which of this clinic's residents, what and when.</summary>
    public static void Notice(TextWriter w, OffsiteServiceNotice n) =>
        w.WriteLine($"{n.NoticeId}  record {n.RecordNumber}  {Kind(n.Kind)} on {Output.Date(n.ServiceDate)}  " +
                    $"served by {n.ServingInstitutionCode} (district {n.ServingDistrictCode}), {n.Staff}" +
                    $"{(n.MainProblems.Count > 0 ? $": {string.Join(", ", n.MainProblems)}" : "")}" +
                    $"{(n.ReadAt is null ? "  unread" : $"  read {TransferOutput.Time(n.ReadAt)} by {n.ReadBy}")}");

    /// <summary>R-OS-2, R-OS-4: what the serving clinic needs before it serves; restricted information is not shown (R-AC-3).</summary>
    public static void Summary(TextWriter w, OffsiteSummary s)
    {
        w.WriteLine($"name           {s.Cover.Profile?.Name}");
        w.WriteLine($"born           {Output.Date(s.Cover.Profile?.DateOfBirth)}");
        Output.Entry(w, s.Cover.Entry);
        w.WriteLine($"access basis   {Basis(s.AccessBasis)} (audit entry {s.AuditId})");
        w.WriteLine($"key population {(s.KeyPopulations.Count > 0 ? string.Join(", ", s.KeyPopulations.Select(Population)) : "none")}");
        w.WriteLine($"Free annual services this year (R-OS-4) ({s.FreeAnnualServices.Count}):");
        foreach (var f in s.FreeAnnualServices)
            w.WriteLine(f.GivenThisYear
                ? $"  {f.Service}: given {Output.Date(f.GivenOn)} by {f.GivenByInstitutionCode} (district {f.GivenByDistrictCode}); the free service may be declined"
                : $"  {f.Service}: not given yet this year");
        w.WriteLine($"Services of the last 12 months, newest first ({s.FollowUps.Count}):");
        foreach (var f in s.FollowUps)
            w.WriteLine($"  {Output.Date(f.ServiceDate)}  {Kind(f.Kind)}  by {f.InstitutionCode}" +
                        $"{(f.MainProblems.Count > 0 ? $"  {string.Join(", ", f.MainProblems)}" : "")}" +
                        $"{(f.Measurements.Count > 0 ? $"  {string.Join(" ", f.Measurements.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"))}" : "")}" +
                        $"{(f.Report.Length > 0 ? $"  ({f.Report})" : "")}");
        if (s.RestrictedInformationWithheld)
            w.WriteLine("Restricted information (severe mental disorder follow-ups) was withheld (R-AC-3).");
    }

    /// <summary>R-AC-5: one lookup of the access log.</summary>
    public static void Audit(TextWriter w, AccessAuditEntry e) =>
        w.WriteLine($"{e.AuditId}  {TransferOutput.Time(e.At)}  {e.InstitutionCode} {e.Staff}  {e.Action}  " +
                    $"record {(e.RecordNumber.Length > 0 ? e.RecordNumber : "(not found)")}  " +
                    $"{(e.Outcome == AccessOutcome.Allowed ? "allowed" : "denied")} ({e.Basis})  purpose: {e.Purpose}");

    /// <summary>R-OS-5: one clinic's (or the district's) off-site services of the year.</summary>
    public static void Count(TextWriter w, OffsiteServiceCount c) =>
        w.WriteLine($"{(c.InstitutionCode.Length > 0 ? c.InstitutionCode : $"district {c.DistrictCode}"),-16}  year {c.Year}  " +
                    $"served for other clinics {c.ServedForOthers}  served elsewhere {c.ServedElsewhere}");

    public static string Kind(ServiceKind k) => k switch
    {
        ServiceKind.HealthExamination => "health examination",
        ServiceKind.ChildFollowUp => "child follow-up",
        ServiceKind.MaternalFollowUp => "maternal follow-up",
        ServiceKind.ElderlyFollowUp => "elderly follow-up",
        ServiceKind.HypertensionFollowUp => "hypertension follow-up",
        ServiceKind.DiabetesFollowUp => "diabetes follow-up",
        ServiceKind.SevereMentalDisorderFollowUp => "severe mental disorder follow-up",
        ServiceKind.TuberculosisFollowUp => "tuberculosis follow-up",
        ServiceKind.Visit => "visit",
        ServiceKind.Referral => "referral",
        ServiceKind.Consultation => "consultation",
        _ => k.ToString(),
    };

    private static string Basis(AccessBasis b) => b switch
    {
        AccessBasis.OwningClinic => "owning clinic",
        AccessBasis.KeyPopulation => "key population (R-OS-1)",
        AccessBasis.ResidentAuthorization => "resident's authorization (R-OS-2)",
        _ => b.ToString(),
    };

    private static string Population(KeyPopulation p) => p switch
    {
        KeyPopulation.Elderly => "elderly (65+)",
        KeyPopulation.Child => "child (0-6)",
        KeyPopulation.Maternal => "maternal",
        KeyPopulation.Hypertension => "hypertension",
        KeyPopulation.Diabetes => "diabetes",
        _ => p.ToString(),
    };
}
