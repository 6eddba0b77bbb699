using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Digests;
using DistrictReconciliation = HealthRecords.Grains.Reconciliation.DistrictReconciliation;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>
/// R-CN-2: one district compared with the city. Clinic figures first; each clinic that differs is
/// narrowed by bucket digests (last digit, last two, last three of the record number), then the
/// records of the differing leaf buckets are compared fact by fact. A difference is reported only if
/// it is still there once the district has applied every event the city had sent it.
/// </summary>
internal sealed class DistrictComparison(District district, DistrictDigestLink link, IndexDigests city, DistrictEventLog logs, ReconciliationOptions options, TimeProvider clock)
{
    private int _roundTrips;
    private long _applied;

    public async Task<(DistrictReconciliation Result, IReadOnlyList<RecordFinding> Findings)> RunAsync(long citySequence, CancellationToken cancellationToken)
    {
        var clinics = district.Institutions.Select(i => i.Code).ToList();
        var districtClinics = await CaughtUpClinicDigestsAsync(citySequence, cancellationToken);
        var comparisons = DigestNarrowing.Compare(clinics, await city.ClinicsAsync(clinics, cancellationToken), districtClinics);
        var buckets = comparisons.Where(c => !c.Matches).Select(c => new DigestBucket(c.InstitutionCode, "")).ToList();
        while (buckets.Count > 0 && !buckets[0].IsLeaf)
        {
            var query = new BucketDigestsQuery();
            query.Parents.AddRange(buckets.Select(b => b.ToProto()));
            var answer = await AskAsync(new DigestQuery { BucketDigests = query }, cancellationToken);
            buckets = DigestNarrowing.Differing(await city.ChildrenAsync(buckets, cancellationToken),
                answer.BucketDigests.Buckets.Select(b => b.ToDomain()).ToList()).ToList();
        }
        var findings = buckets.Count == 0 ? [] : await RecheckedAsync(await LeafFindingsAsync(buckets, cancellationToken), cancellationToken);
        var stored = findings.Take(options.MaxFindingsPerDistrict).ToList();
        var detail = findings.Count > stored.Count ? $"{findings.Count - stored.Count} more differing records were not stored." : "";
        return (new DistrictReconciliation(district.Code, DistrictReconciliation.OutcomeOf(findings.Count), detail, _applied, citySequence,
            _roundTrips, comparisons, findings.Count), stored);
    }

    /// <summary>The district's clinic figures once it has applied up to the city's head when the comparison began (or the wait ran out).</summary>
    private async Task<IReadOnlyList<ClinicDigest>> CaughtUpClinicDigestsAsync(long citySequence, CancellationToken cancellationToken)
    {
        var giveUp = clock.GetUtcNow() + options.CatchUpTimeout;
        while (true)
        {
            var answer = await AskAsync(new DigestQuery { ClinicDigests = new ClinicDigestsQuery() }, cancellationToken);
            if (answer.AppliedSequence >= citySequence || clock.GetUtcNow() >= giveUp)
                return answer.ClinicDigests.Clinics.Select(c => c.ToDomain()).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<RecordFinding>> LeafFindingsAsync(IReadOnlyList<DigestBucket> leaves, CancellationToken cancellationToken)
    {
        var atCity = (await city.FactsInAsync(leaves, district.Code, cancellationToken)).ToList();
        var query = new RecordFactsQuery();
        query.Buckets.AddRange(leaves.Select(b => b.ToProto()));
        // The city's records of these buckets by number too: the district may hold them under another owner.
        query.RecordNumbers.AddRange(atCity.Select(f => f.RecordNumber));
        var atDistrict = (await AskAsync(new DigestQuery { RecordFacts = query }, cancellationToken)).RecordFacts.Records.Select(f => f.ToDomain()).ToList();
        var known = atCity.Select(f => f.RecordNumber).ToHashSet(StringComparer.Ordinal);
        atCity.AddRange(await city.FactsOfAsync(atDistrict.Select(f => f.RecordNumber).Where(n => !known.Contains(n)).ToList(), cancellationToken));
        return DigestNarrowing.Findings(district.Code, atCity, atDistrict);
    }

    /// <summary>Changes in flight are not differences: each finding is compared again after the district caught up with the city's head now.</summary>
    private async Task<IReadOnlyList<RecordFinding>> RecheckedAsync(IReadOnlyList<RecordFinding> findings, CancellationToken cancellationToken)
    {
        if (findings.Count == 0)
            return findings;
        var head = await logs.HeadAsync(district.Code, cancellationToken);
        var numbers = findings.Select(f => f.RecordNumber).ToList();
        var giveUp = clock.GetUtcNow() + options.CatchUpTimeout;
        while (true)
        {
            var query = new RecordFactsQuery();
            query.RecordNumbers.AddRange(numbers);
            var answer = await AskAsync(new DigestQuery { RecordFacts = query }, cancellationToken);
            if (answer.AppliedSequence >= head || clock.GetUtcNow() >= giveUp)
                return DigestNarrowing.Findings(district.Code, await city.FactsOfAsync(numbers, cancellationToken),
                    answer.RecordFacts.Records.Select(f => f.ToDomain()).ToList());
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<DigestAnswer> AskAsync(DigestQuery query, CancellationToken cancellationToken)
    {
        _roundTrips++;
        var answer = await link.AskAsync(query, options.QueryTimeout, cancellationToken);
        _applied = answer.AppliedSequence;
        return answer;
    }
}
