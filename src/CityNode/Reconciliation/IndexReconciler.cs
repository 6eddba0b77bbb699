using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Digests;
using HealthRecords.Storage.Reconciliation;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>
/// R-CN-2: runs a reconciliation of the city's master index with the districts' copies (on demand or
/// on the schedule), district by district over their open digest exchanges, and keeps the result.
/// </summary>
public sealed class IndexReconciler(
    DistrictDigestLinks links, IndexDigests city, DistrictEventLog logs, ReconciliationLog log, CityTopology topology,
    ReconciliationOptions options, TimeProvider clock)
{
    public async Task<ReconciliationRun> RunAsync(
        ReconciliationTrigger trigger, string requestedBy, IReadOnlyCollection<string>? districtCodes, string? requestId, CancellationToken cancellationToken)
    {
        if (requestId is { Length: > 0 } && await log.FindByRequestAsync(requestId, cancellationToken) is { } repeated)
            return repeated;
        var districts = Districts(districtCodes);
        var startedAt = Milliseconds(clock.GetUtcNow());
        var results = new List<(DistrictReconciliation Result, IReadOnlyList<RecordFinding> Findings)>();
        await Parallel.ForEachAsync(districts, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (district, token) =>
            {
                var result = await CompareAsync(district, token);
                lock (results)
                    results.Add(result);
            });
        var run = new ReconciliationRun(Guid.NewGuid().ToString("N"), trigger, requestedBy, startedAt, Milliseconds(clock.GetUtcNow()),
            results.Select(r => r.Result).OrderBy(r => r.DistrictCode, StringComparer.Ordinal).ToList());
        await log.SaveAsync(run, results.SelectMany(r => r.Findings).ToList(), requestId is { Length: > 0 } ? requestId : null, cancellationToken);
        return run;
    }

    private async Task<(DistrictReconciliation, IReadOnlyList<RecordFinding>)> CompareAsync(District district, CancellationToken cancellationToken)
    {
        var citySequence = await logs.HeadAsync(district.Code, cancellationToken);
        var link = links.Find(district.Code);
        try
        {
            if (link is null)
                throw new RpcException(new Status(StatusCode.Unavailable, $"District {district.Code} has no digest exchange open with this city node."));
            return await new DistrictComparison(district, link, city, logs, options, clock).RunAsync(citySequence, cancellationToken);
        }
        catch (RpcException e)
        {
            var cityFigures = await city.ClinicsAsync(district.Institutions.Select(i => i.Code).ToList(), cancellationToken);
            return (DistrictReconciliation.Unreachable(district.Code, e.Status.Detail, cityFigures, citySequence, 0), []);
        }
    }

    // The log keeps milliseconds; the run answered now must equal the run read back later.
    private static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private List<District> Districts(IReadOnlyCollection<string>? codes)
    {
        if (codes is null || codes.Count == 0)
            return topology.Districts.OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        var unknown = codes.Where(c => topology.FindDistrict(c) is null).ToList();
        if (unknown.Count > 0)
            throw new DomainValidationException([new FieldViolation("district_codes", $"{string.Join(", ", unknown)} is not a district of {topology.CityName}.")]);
        return codes.Distinct().Select(c => topology.FindDistrict(c)!).ToList();
    }
}
