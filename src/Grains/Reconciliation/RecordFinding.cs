namespace HealthRecords.Grains.Reconciliation;

public enum FindingKind
{
    /// <summary>The city has the record in this district; the district does not hold it.</summary>
    MissingAtDistrict = 1,
    /// <summary>The district holds a record under one of its clinics that the city does not have.</summary>
    UnknownToCity = 2,
    /// <summary>Both hold it and some facts differ.</summary>
    FactsDiffer = 3,
}

/// <summary>One record where a district and the city disagree, with what each holds.</summary>
public sealed record RecordFinding(string DistrictCode, string RecordNumber, FindingKind Kind, IReadOnlyList<string> DifferingFields, IndexFacts? City, IndexFacts? District)
{
    /// <summary>Field names as in the contract's IndexFacts.</summary>
    public static class Fields
    {
        public const string Owner = "owning_institution_code";
        public const string OwnerDistrict = "owning_district_code";
        public const string Status = "status";
        public const string Version = "version";
    }
}
