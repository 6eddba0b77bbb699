namespace HealthRecords.Grains.Services;

/// <summary>
/// A request to correct a saved service record (勘误, R-RC-3, GD art. 21 and Annex 1), made with
/// <see cref="CorrectionRules.Request"/>. <paramref name="ChangedMeasurements"/> sets measurements
/// (an empty value removes the key); <paramref name="ChangedMainProblems"/>, when not null, replaces
/// the main problems. Equality compares the collections' contents, so a re-sent request is recognised.
/// </summary>
public sealed record CorrectionRequest(
    string CorrectionId,
    string UploadId,
    string RequestedBy,
    string InstitutionCode,
    string Reason,
    string Evidence,
    IReadOnlyDictionary<string, string> ChangedMeasurements,
    IReadOnlyList<string>? ChangedMainProblems,
    DateTimeOffset RequestedAt)
{
    public bool Equals(CorrectionRequest? other) =>
        other is not null
        && string.Equals(CorrectionId, other.CorrectionId, StringComparison.Ordinal)
        && string.Equals(UploadId, other.UploadId, StringComparison.Ordinal)
        && string.Equals(RequestedBy, other.RequestedBy, StringComparison.Ordinal)
        && string.Equals(InstitutionCode, other.InstitutionCode, StringComparison.Ordinal)
        && string.Equals(Reason, other.Reason, StringComparison.Ordinal)
        && string.Equals(Evidence, other.Evidence, StringComparison.Ordinal)
        && ContentEquality.SameMap(ChangedMeasurements, other.ChangedMeasurements)
        && ContentEquality.SameList(ChangedMainProblems, other.ChangedMainProblems)
        && RequestedAt == other.RequestedAt;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(CorrectionId, StringComparer.Ordinal);
        hash.Add(UploadId, StringComparer.Ordinal);
        hash.Add(RequestedBy, StringComparer.Ordinal);
        hash.Add(InstitutionCode, StringComparer.Ordinal);
        hash.Add(Reason, StringComparer.Ordinal);
        hash.Add(Evidence, StringComparer.Ordinal);
        hash.Add(ContentEquality.MapHash(ChangedMeasurements));
        hash.Add(ChangedMainProblems is null ? 0 : ContentEquality.ListHash(ChangedMainProblems) + 1);
        hash.Add(RequestedAt);
        return hash.ToHashCode();
    }
}
