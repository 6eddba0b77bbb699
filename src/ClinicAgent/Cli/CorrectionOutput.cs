using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.City.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Corrections and record versions as text for the clinic's staff; times in China time.</summary>
internal static class CorrectionOutput
{
    public static void Correction(TextWriter w, ServiceCorrection c)
    {
        w.WriteLine($"correction     {c.CorrectionId} ({State(c.State)})");
        w.WriteLine($"service        upload {c.UploadId}, record {c.RecordNumber}, {c.InstitutionCode}");
        w.WriteLine($"requested      {Time(c.RequestedAt)} by {c.RequestedBy}");
        w.WriteLine($"reason         {c.Reason}");
        w.WriteLine($"evidence       {c.Evidence}");
        w.WriteLine($"changes        {Changes(c)}");
        if (c.State is CorrectionState.Approved or CorrectionState.Rejected)
            w.WriteLine($"decided        {Time(c.DecidedAt)} by {c.DecidedBy}{(c.DecisionReason.Length > 0 ? $": {c.DecisionReason}" : "")}");
    }

    public static void Line(TextWriter w, ServiceCorrection c) =>
        w.WriteLine($"{c.CorrectionId}  {State(c.State),-8}  upload {c.UploadId}  by {c.RequestedBy}  {Time(c.RequestedAt)}  {Changes(c)}");

    public static void Version(TextWriter w, ServiceRecordVersion v)
    {
        var origin = v.CorrectionId.Length == 0 ? "as uploaded" : $"correction {v.CorrectionId}, approved by {v.ApprovedBy}";
        w.WriteLine($"version {v.Version}  valid from {Time(v.ValidFrom)}  ({origin})");
        w.WriteLine($"  main problems  {string.Join(", ", v.Record.MainProblems)}");
        w.WriteLine($"  measurements   {string.Join(", ", v.Record.Measurements.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"))}");
    }

    private static string Changes(ServiceCorrection c)
    {
        var parts = c.ChangedMeasurements.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Value.Length == 0 ? $"remove {m.Key}" : $"{m.Key}={m.Value}").ToList();
        if (c.ReplacesMainProblems)
            parts.Add($"main problems: {string.Join(", ", c.ChangedMainProblems)}");
        return string.Join("; ", parts);
    }

    private static string State(CorrectionState s) => s switch
    {
        CorrectionState.Pending => "pending",
        CorrectionState.Approved => "approved",
        CorrectionState.Rejected => "rejected",
        _ => s.ToString(),
    };

    private static string Time(Timestamp? t) =>
        t is null ? "-" : $"{t.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss} (UTC+8)";
}
