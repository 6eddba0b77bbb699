namespace HealthRecords.Grains.Reconciliation;

public enum ReconciliationTrigger { OnDemand = 1, Scheduled = 2 }

public enum ReconciliationOutcome
{
    Consistent = 1,
    DifferencesFound = 2,
    /// <summary>A district could not be asked; the others were compared.</summary>
    Incomplete = 3,
}

/// <summary>One clinic's figures at both tiers, side by side; the district's are unknown when it could not be asked.</summary>
public sealed record ClinicComparison(string InstitutionCode, ClinicDigest City, ClinicDigest? District)
{
    public bool Matches => District is not null && City.Matches(District);
}

/// <summary>What one district's comparison found.</summary>
public sealed record DistrictReconciliation(
    string DistrictCode,
    ReconciliationOutcome Outcome,
    string Detail,
    long AppliedSequence,
    long CitySequence,
    int RoundTrips,
    IReadOnlyList<ClinicComparison> Clinics,
    long FindingCount)
{
    public static DistrictReconciliation Unreachable(string districtCode, string detail, IEnumerable<ClinicDigest> city, long citySequence, int roundTrips) =>
        new(districtCode, ReconciliationOutcome.Incomplete, detail, 0, citySequence, roundTrips,
            city.Select(c => new ClinicComparison(c.InstitutionCode, c, null)).ToList(), 0);

    /// <summary>
    /// Differences are the records found. Clinic figures that differed but narrowed down to no record
    /// were changes in flight, gone by the time the records were compared.
    /// </summary>
    public static ReconciliationOutcome OutcomeOf(long findingCount) =>
        findingCount > 0 ? ReconciliationOutcome.DifferencesFound : ReconciliationOutcome.Consistent;
}

/// <summary>A reconciliation run (R-CN-2), kept so that administrators can see its history.</summary>
public sealed record ReconciliationRun(
    string Id,
    ReconciliationTrigger Trigger,
    string RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<DistrictReconciliation> Districts)
{
    public const string Schedule = "schedule";

    public long RecordsCompared => Districts.Sum(d => d.Clinics.Sum(c => c.City.RecordCount));

    public long FindingCount => Districts.Sum(d => d.FindingCount);

    public ReconciliationOutcome Outcome =>
        Districts.Any(d => d.Outcome == ReconciliationOutcome.Incomplete) ? ReconciliationOutcome.Incomplete
        : FindingCount > 0 ? ReconciliationOutcome.DifferencesFound
        : ReconciliationOutcome.Consistent;
}
