namespace HealthRecords.Grains.Quality;

/// <summary>A finding with the district of the clinic answerable for it (the owner's, or the serving clinic's for a late upload).</summary>
public sealed record DistrictFinding(QualityFinding Finding, string DistrictCode);

/// <summary>
/// R-CN-4 roll-up: each clinic's, each district's and the scope's figures from one record at a time.
/// A district's and the city's score is the clinics' formula over all their records
/// (<see cref="ClinicQualityScore"/>): per record the weights of the findings in that tier are summed and
/// capped at 1, so a record with findings of two clinics costs the district one record's share at most.
/// </summary>
public sealed class QualityRollUp(QualityScope scope)
{
    private readonly SortedDictionary<string, (string District, QualityTally Tally)> _clinics = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, QualityTally> _districts = new(StringComparer.Ordinal);
    private readonly QualityTally _total = new();

    /// <summary>One record: counted for its owner when the owner is in scope; its findings of in-scope clinics tallied.</summary>
    public void AddRecord(string ownerInstitution, string ownerDistrict, IReadOnlyList<DistrictFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (scope.Includes(ownerInstitution, ownerDistrict))
        {
            Clinic(ownerInstitution, ownerDistrict).CountOwnedRecord();
            District(ownerDistrict).CountOwnedRecord();
            _total.CountOwnedRecord();
        }
        var inScope = findings.Where(f => scope.Includes(f.Finding.InstitutionCode, f.DistrictCode)).ToList();
        if (inScope.Count == 0)
            return;
        foreach (var clinic in inScope.GroupBy(f => (f.Finding.InstitutionCode, f.DistrictCode)))
            Clinic(clinic.Key.InstitutionCode, clinic.Key.DistrictCode).AddRecordFindings(clinic.Select(f => f.Finding).ToList());
        foreach (var district in inScope.GroupBy(f => f.DistrictCode, StringComparer.Ordinal))
            District(district.Key).AddRecordFindings(district.Select(f => f.Finding).ToList());
        _total.AddRecordFindings(inScope.Select(f => f.Finding).ToList());
    }

    public QualityReport Report(DateTimeOffset computedAt) => new(
        scope,
        computedAt,
        _total.Figures(),
        [.. _districts.Select(d => new DistrictQualityFigures(d.Key, d.Value.Figures()))],
        [.. _clinics.Select(c => new ClinicQualityFigures(c.Key, c.Value.District, c.Value.Tally.Figures()))]);

    private QualityTally Clinic(string institution, string district)
    {
        if (!_clinics.TryGetValue(institution, out var entry))
            _clinics[institution] = entry = (district, new QualityTally());
        return entry.Tally;
    }

    private QualityTally District(string district)
    {
        if (!_districts.TryGetValue(district, out var tally))
            _districts[district] = tally = new QualityTally();
        return tally;
    }
}
