using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.Digests;
using HealthRecords.Storage.District;

namespace HealthRecords.DistrictNode;

/// <summary>
/// R-CN-2: keeps a stream open to the city on which the city asks for this district's index digests
/// during a reconciliation, and answers each query from the trigger-kept digests and the index rows.
/// The district opens it, like every other call between the tiers; it is reopened after any failure.
/// </summary>
public sealed partial class CityDigestExchange(CityClient city, IndexDigests digests, DistrictFeed feed, District district, ILogger<CityDigestExchange> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        CityStreamRetry.RunAsync((_, token) => ExchangeAsync(token), (reason, delayMs) => LogExchangeFailed(logger, reason, delayMs), stoppingToken);

    private async Task ExchangeAsync(CancellationToken stoppingToken)
    {
        using var call = city.OpenDigestExchange(stoppingToken);
        while (await call.ResponseStream.MoveNext(stoppingToken))
            await call.RequestStream.WriteAsync(await AnswerAsync(call.ResponseStream.Current, stoppingToken), stoppingToken);
        throw new RpcException(new Status(StatusCode.Unavailable, "The city closed the digest exchange."));
    }

    private async Task<DigestAnswer> AnswerAsync(DigestQuery query, CancellationToken cancellationToken)
    {
        // The position first: the digests read after it include at least everything applied up to it.
        var answer = new DigestAnswer { QueryId = query.QueryId, AppliedSequence = await feed.PositionAsync(cancellationToken) };
        try
        {
            switch (query.QueryCase)
            {
                case DigestQuery.QueryOneofCase.ClinicDigests:
                    answer.ClinicDigests = new ClinicDigests();
                    answer.ClinicDigests.Clinics.AddRange((await digests.ClinicsAsync(district.Institutions.Select(i => i.Code).ToList(), cancellationToken))
                        .Select(d => d.ToProto()));
                    break;
                case DigestQuery.QueryOneofCase.BucketDigests:
                    answer.BucketDigests = new BucketDigests();
                    answer.BucketDigests.Buckets.AddRange((await digests.ChildrenAsync(OwnBuckets(query.BucketDigests.Parents), cancellationToken))
                        .Select(d => d.ToProto()));
                    break;
                case DigestQuery.QueryOneofCase.RecordFacts:
                    var facts = (await digests.FactsInAsync(OwnBuckets(query.RecordFacts.Buckets), ownerDistrict: null, cancellationToken))
                        .Concat(await digests.FactsOfAsync(query.RecordFacts.RecordNumbers.ToList(), cancellationToken))
                        .DistinctBy(f => f.RecordNumber);
                    answer.RecordFacts = new RecordFacts();
                    answer.RecordFacts.Records.AddRange(facts.Select(f => f.ToProto()));
                    break;
                default:
                    answer.Error = $"Query {query.QueryId} asks nothing this district knows ({query.QueryCase}).";
                    break;
            }
        }
        catch (ArgumentException e)
        {
            answer.Error = e.Message;
        }
        return answer;
    }

    /// <summary>Only this district's clinics are answered for; a bucket is at most a leaf.</summary>
    private List<DigestBucket> OwnBuckets(IEnumerable<Contracts.Types.V1.DigestBucket> buckets)
    {
        var list = buckets.Select(b => b.ToDomain()).ToList();
        foreach (var bucket in list)
        {
            if (district.Institutions.All(i => i.Code != bucket.InstitutionCode))
                throw new ArgumentException($"{bucket.InstitutionCode} is not a clinic of district {district.Code}.");
            if (bucket.Suffix.Length > IndexDigest.LeafSuffixDigits || !bucket.Suffix.All(char.IsAsciiDigit))
                throw new ArgumentException($"Bucket suffix '{bucket.Suffix}' must be 0 to {IndexDigest.LeafSuffixDigits} digits.");
        }
        return list;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest exchange with the city interrupted ({Reason}); reopening in {DelayMs} ms")]
    private static partial void LogExchangeFailed(ILogger logger, string reason, double delayMs);
}
