using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Transfers as text for the clinic's staff; times in China time.</summary>
internal static class TransferOutput
{
    public static void Transfer(TextWriter w, TransferRequest t)
    {
        w.WriteLine($"transfer       {t.TransferId} ({State(t.State)})");
        w.WriteLine($"record         {t.RecordNumber}");
        w.WriteLine($"from           {t.FromInstitutionCode} (district {t.FromDistrictCode})");
        w.WriteLine($"to             {t.ToInstitutionCode} (district {t.ToDistrictCode})");
        w.WriteLine($"requested      {Time(t.RequestedAt)} by {(t.CityAuthority ? "the city (R-TR-4)" : t.RequestedByInstitutionCode)}");
        w.WriteLine($"consent        {Consent(t.ConsentMethod)}");
        w.WriteLine($"reason         {Reason(t.Reason)}");
        w.WriteLine($"due            {Time(t.DueAt)}, answered by {Answering(t)}");
        if (t.State != TransferState.Pending)
            w.WriteLine($"answered       {Time(t.AnsweredAt)}{(t.AnsweredByInstitutionCode.Length > 0 ? $" by {t.AnsweredByInstitutionCode}" : "")}" +
                        $"{(t.RejectionReason.Length > 0 ? $": {t.RejectionReason}" : "")}");
    }

    public static void Line(TextWriter w, TransferRequest t) =>
        w.WriteLine($"{t.TransferId}  {State(t.State),-9}  record {t.RecordNumber}  {t.FromInstitutionCode} -> {t.ToInstitutionCode}  " +
                    $"asked by {t.RequestedByInstitutionCode}  {(t.State == TransferState.Pending ? $"due {Time(t.DueAt)}" : $"answered {Time(t.AnsweredAt)}")}" +
                    $"{(t.RejectionReason.Length > 0 ? $"  ({t.RejectionReason})" : "")}");

    /// <summary>The clinic that must answer: the other side from the one that asked (R-TR-2).</summary>
    public static string Answering(TransferRequest t) =>
        t.RequestedByInstitutionCode == t.FromInstitutionCode ? t.ToInstitutionCode : t.FromInstitutionCode;

    public static string State(TransferState s) => s switch
    {
        TransferState.Pending => "pending",
        TransferState.Completed => "completed",
        TransferState.Rejected => "rejected",
        TransferState.Expired => "expired",
        _ => s.ToString(),
    };

    public static string Time(Timestamp? t) =>
        t is null ? "-" : $"{t.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8)";

    private static string Consent(ConsentMethod c) => c switch
    {
        ConsentMethod.SignedOnSite => "signed form on site",
        ConsentMethod.Biometric => "biometric",
        ConsentMethod.SmsOrPhone => "SMS or phone",
        ConsentMethod.Video => "video",
        _ => c.ToString(),
    };

    private static string Reason(TransferReason r) => r switch
    {
        TransferReason.ResidentRequest => "resident's request",
        TransferReason.ChangeOfResidence => "change of residence",
        TransferReason.Marriage => "marriage",
        TransferReason.MilitaryService => "military service",
        TransferReason.Study => "study",
        TransferReason.DissatisfiedWithService => "dissatisfied with service",
        TransferReason.FloatingPopulation => "floating population",
        _ => r.ToString(),
    };
}
