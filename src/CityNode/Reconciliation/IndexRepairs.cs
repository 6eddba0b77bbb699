using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Validation;
using HealthRecords.Storage.Reconciliation;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>R-CN-2: repairs a run's findings from the city's facts (the city is the authority for owner and status); each repair is logged.</summary>
public sealed class IndexRepairs(ReconciliationLog runs, IndexRepairLog repairs, TimeProvider clock)
{
    /// <summary>The repairs made (or made before, for a repeat); null when there is no such run.</summary>
    public async Task<IReadOnlyList<IndexRepair>?> RepairAsync(
        string runId, IReadOnlyCollection<string> recordNumbers, string requestedBy, string reason, string requestId, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(runId, cancellationToken) is null)
            return null;
        var findings = await AllFindingsAsync(runId, cancellationToken);
        if (recordNumbers.Count > 0)
        {
            var unknown = recordNumbers.Where(n => findings.All(f => f.Finding.RecordNumber != n)).ToList();
            if (unknown.Count > 0)
                throw new DomainValidationException([new FieldViolation("record_numbers", $"{string.Join(", ", unknown)} is not a finding of reconciliation {runId}.")]);
            findings = findings.Where(f => recordNumbers.Contains(f.Finding.RecordNumber)).ToList();
        }
        var made = new List<IndexRepair>();
        foreach (var finding in findings)
            made.Add(await repairs.RepairAsync(finding, requestId, requestedBy, reason, clock.GetUtcNow(), cancellationToken));
        return made;
    }

    private async Task<List<StoredFinding>> AllFindingsAsync(string runId, CancellationToken cancellationToken)
    {
        var all = new List<StoredFinding>();
        while (true)
        {
            var last = all.LastOrDefault()?.Finding;
            var page = await runs.FindingsAsync(runId, null, last is null ? null : (last.DistrictCode, last.RecordNumber), 1000, cancellationToken);
            all.AddRange(page);
            if (page.Count < 1000)
                return all;
        }
    }
}
