using Google.Protobuf;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

internal static class Output
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static void Write(IMessage message, bool json, Action<TextWriter> text)
    {
        if (json)
            Console.Out.WriteLine(Json.Format(message));
        else
            text(Console.Out);
    }

    public static void Entry(TextWriter w, MasterIndexEntry e)
    {
        w.WriteLine($"record number  {e.RecordNumber}");
        w.WriteLine($"identity       {e.IdentityMasked} ({Kind(e.IdentityKind)})");
        w.WriteLine($"owner          {e.OwningInstitutionCode} (district {e.OwningDistrictCode})");
        w.WriteLine($"status         {Status(e.Status)}");
        w.WriteLine($"enrolled       {e.EnrolledAt?.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8) by {e.EnrolledBy} at {e.EnrollingInstitutionCode}");
        if (e.StatusChangedAt is not null)
            w.WriteLine($"status since   {e.StatusChangedAt.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8){(e.StatusReason.Length > 0 ? $": {e.StatusReason}" : "")}");
        if (e.DateOfDeath is { } died)
            w.WriteLine($"died           {died.Year:0000}-{died.Month:00}-{died.Day:00}");
        if (e.Destination.Length > 0)
            w.WriteLine($"moved to       {e.Destination}");
        if (e.PendingTransferId.Length > 0)
            w.WriteLine($"transfer       {e.PendingTransferId} waiting for an answer");
        w.WriteLine($"version        {e.Version}");
    }

    public static string Date(CalendarDate? d) => d is null ? "-" : $"{d.Year:0000}-{d.Month:00}-{d.Day:00}";

    public static string Status(RecordStatus s) => s switch
    {
        RecordStatus.Active => "active (在管)",
        RecordStatus.LostToFollowUp => "lost to follow-up (失访)",
        RecordStatus.Deceased => "deceased (死亡)",
        RecordStatus.MovedOut => "moved out (迁出)",
        RecordStatus.Merged => "merged",
        _ => s.ToString(),
    };

    private static string Kind(IdentityKind k) => k switch
    {
        IdentityKind.CitizenId => "citizen ID",
        IdentityKind.ResidencePermit => "residence permit",
        IdentityKind.BirthMedicalCertificate => "birth medical certificate",
        IdentityKind.NewbornOfMother => "newborn, via mother",
        _ => k.ToString(),
    };
}
