namespace HealthRecords.Grains.Services;

/// <summary>
/// A service record as received from the wire, not yet checked: <paramref name="Kind"/> is the raw
/// proto number and <paramref name="ServiceDate"/> is null when the date was not sent.
/// <see cref="ServiceRecordRules.Accept"/> turns it into a <see cref="ServiceRecord"/> or refuses it.
/// </summary>
public sealed record ServiceRecordInput(
    string UploadId,
    string RecordNumber,
    int Kind,
    DateOnly? ServiceDate,
    string InstitutionCode,
    string Staff,
    IReadOnlyList<string> MainProblems,
    long CostFen,
    IReadOnlyDictionary<string, string> Measurements,
    string? Report,
    int PrivacyLevel = 0,
    IReadOnlyList<string>? ListedInstitutions = null);
