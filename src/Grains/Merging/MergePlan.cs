using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Merging;

/// <summary>Which record a merged field was taken from, so a merge can be inspected afterwards.</summary>
public sealed record MergedField(string Field, string FromRecordNumber);

/// <summary>
/// What a merge makes of two records: the survivor (the earliest enrolled, whose record number,
/// enrolling institution, enrolled-by and enrollment date stay, R-MG-1), the identity key and basic
/// information chosen field by field (R-MG-1, R-MG-2), and both records' services in time order (R-MG-3).
/// </summary>
public sealed record MergePlan(
    RecordPair Pair,
    string SurvivorNumber,
    string MergedAwayNumber,
    IdentityKey Identity,
    ResidentProfile Profile,
    string EnrollingInstitution,
    string EnrolledBy,
    DateTimeOffset EnrolledAt,
    IReadOnlyList<MergedField> Sources,
    IReadOnlyList<ServiceRecord> Services);
