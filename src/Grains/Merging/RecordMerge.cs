namespace HealthRecords.Grains.Merging;

/// <summary>
/// A merge as the city committed it, to be inspected afterwards (R-MG-1..3): which record survived,
/// which was retired into it, who confirmed it and when, where each field came from and how many
/// services moved to the survivor. It carries no identity number.
/// </summary>
public sealed record RecordMerge(
    string MergeId,
    RecordPair Pair,
    string SurvivorNumber,
    string MergedAwayNumber,
    string RequestId,
    string ConfirmedBy,
    DateTimeOffset MergedAt,
    IReadOnlyList<MergedField> Sources,
    int ServicesMoved);
