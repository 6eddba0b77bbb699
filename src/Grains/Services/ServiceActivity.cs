namespace HealthRecords.Grains.Services;

/// <summary>
/// One line of the homepage's service list (R-RC-2): time, institution, type, main problems, report, cost.
/// <paramref name="Late"/> carries the R-RC-4 flag. Equality compares the main problems' contents.
/// </summary>
public sealed record ServiceActivity(
    DateOnly Date,
    string InstitutionCode,
    ServiceKind Kind,
    IReadOnlyList<string> MainProblems,
    string? Report,
    long CostFen,
    bool Late)
{
    public bool Equals(ServiceActivity? other) =>
        other is not null
        && Date == other.Date
        && string.Equals(InstitutionCode, other.InstitutionCode, StringComparison.Ordinal)
        && Kind == other.Kind
        && ContentEquality.SameList(MainProblems, other.MainProblems)
        && string.Equals(Report, other.Report, StringComparison.Ordinal)
        && CostFen == other.CostFen
        && Late == other.Late;

    public override int GetHashCode() =>
        HashCode.Combine(Date, InstitutionCode, Kind, ContentEquality.ListHash(MainProblems), Report, CostFen, Late);
}
