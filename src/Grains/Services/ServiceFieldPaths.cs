namespace HealthRecords.Grains.Services;

/// <summary>
/// The proto field paths (healthrecords.types.v1.ServiceRecord and the correction request) named in
/// the <see cref="Validation.FieldViolation"/>s of this folder.
/// </summary>
public static class ServiceFieldPaths
{
    public const string UploadId = "upload_id";
    public const string RecordNumber = "record_number";
    public const string Kind = "kind";
    public const string ServiceDate = "service_date";
    public const string InstitutionCode = "institution_code";
    public const string Staff = "staff";
    public const string MainProblems = "main_problems";
    public const string CostFen = "cost_fen";
    public const string Measurements = "measurements";

    public const string CorrectionId = "correction_id";
    public const string RequestedBy = "requested_by";
    public const string Reason = "reason";
    public const string Evidence = "evidence";
    public const string ChangedMeasurements = "changed_measurements";
    public const string ChangedMainProblems = "changed_main_problems";
    public const string Approver = "approver";

    /// <summary>One item of a repeated field, e.g. <c>main_problems[2]</c> (zero-based).</summary>
    public static string Item(string field, int index) => $"{field}[{index}]";

    /// <summary>One entry of a map field whose key is a valid identifier, e.g. <c>measurements.height_cm</c>.</summary>
    public static string Entry(string field, string key) => $"{field}.{key}";
}
