namespace HealthRecords.Grains.Reconciliation;

/// <summary>
/// R-CN-2: the decisions of a reconciliation, as plain functions of what each tier reported. Clinics
/// whose figures differ are narrowed down bucket by bucket (last digit, last two, last three of the
/// record number) to the records; the records are then compared fact by fact.
/// </summary>
public static class DigestNarrowing
{
    /// <summary>Each of the district's clinics with both tiers' figures; a clinic one side does not report counts as empty there.</summary>
    public static IReadOnlyList<ClinicComparison> Compare(
        IEnumerable<string> clinicCodes, IReadOnlyCollection<ClinicDigest> city, IReadOnlyCollection<ClinicDigest> district)
    {
        var cityBy = city.ToDictionary(c => c.InstitutionCode, StringComparer.Ordinal);
        var districtBy = district.ToDictionary(c => c.InstitutionCode, StringComparer.Ordinal);
        return clinicCodes.Order(StringComparer.Ordinal)
            .Select(code => new ClinicComparison(code, cityBy.GetValueOrDefault(code) ?? ClinicDigest.Empty(code), districtBy.GetValueOrDefault(code) ?? ClinicDigest.Empty(code)))
            .ToList();
    }

    /// <summary>The buckets whose count or digest differ between the tiers; a bucket one side lacks is empty there.</summary>
    public static IReadOnlyList<DigestBucket> Differing(IReadOnlyCollection<BucketDigest> city, IReadOnlyCollection<BucketDigest> district)
    {
        var cityBy = city.ToDictionary(b => b.Bucket);
        var districtBy = district.ToDictionary(b => b.Bucket);
        return cityBy.Keys.Union(districtBy.Keys)
            .Where(bucket => !(cityBy.GetValueOrDefault(bucket) ?? new BucketDigest(bucket, 0, 0))
                .Matches(districtBy.GetValueOrDefault(bucket) ?? new BucketDigest(bucket, 0, 0)))
            .OrderBy(b => b.InstitutionCode, StringComparer.Ordinal).ThenBy(b => b.Suffix, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The records that differ, given both tiers' facts of every record either side listed in the
    /// differing leaf buckets. A record the city holds under another district's clinic and the
    /// district does not hold is no concern of this district.
    /// </summary>
    public static IReadOnlyList<RecordFinding> Findings(
        string districtCode, IReadOnlyCollection<IndexFacts> city, IReadOnlyCollection<IndexFacts> district)
    {
        var cityBy = city.ToDictionary(f => f.RecordNumber, StringComparer.Ordinal);
        var districtBy = district.ToDictionary(f => f.RecordNumber, StringComparer.Ordinal);
        var findings = new List<RecordFinding>();
        foreach (var number in cityBy.Keys.Union(districtBy.Keys).Order(StringComparer.Ordinal))
        {
            var atCity = cityBy.GetValueOrDefault(number);
            var atDistrict = districtBy.GetValueOrDefault(number);
            if (atDistrict is null)
            {
                if (atCity!.OwnerDistrict == districtCode)
                    findings.Add(new RecordFinding(districtCode, number, FindingKind.MissingAtDistrict, [], atCity, null));
            }
            else if (atCity is null)
            {
                findings.Add(new RecordFinding(districtCode, number, FindingKind.UnknownToCity, [], null, atDistrict));
            }
            else if (DifferingFields(atCity, atDistrict) is { Count: > 0 } fields)
            {
                // A district that still holds a record which left it, with the facts of the day it left,
                // is as it should be: only the owner's district follows a record's later changes.
                if (atCity.OwnerDistrict != districtCode && atDistrict.OwnerDistrict != districtCode)
                    continue;
                findings.Add(new RecordFinding(districtCode, number, FindingKind.FactsDiffer, fields, atCity, atDistrict));
            }
        }
        return findings;
    }

    public static IReadOnlyList<string> DifferingFields(IndexFacts city, IndexFacts district)
    {
        var fields = new List<string>();
        if (city.OwnerInstitution != district.OwnerInstitution) fields.Add(RecordFinding.Fields.Owner);
        if (city.OwnerDistrict != district.OwnerDistrict) fields.Add(RecordFinding.Fields.OwnerDistrict);
        if (city.Status != district.Status) fields.Add(RecordFinding.Fields.Status);
        if (city.Version != district.Version) fields.Add(RecordFinding.Fields.Version);
        return fields;
    }
}
