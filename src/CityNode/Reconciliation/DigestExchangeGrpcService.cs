using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>healthrecords.city.v1.DigestExchangeService: a district's open stream, on which this city asks it for digests.</summary>
public sealed class DigestExchangeGrpcService(DistrictDigestLinks links) : IGrpcService
{
    public ServiceDescriptor Descriptor => DigestExchangeReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DigestExchangeService");

    public void Bind(ServiceBinder binder) =>
        binder.DuplexStreaming<DigestAnswer, DigestQuery>("ExchangeDigests", ExchangeDigests);

    private async Task ExchangeDigests(IAsyncStreamReader<DigestAnswer> answers, IServerStreamWriter<DigestQuery> queries, ServerCallContext context)
    {
        var link = links.Open(context.GetCaller().Code);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await answers.MoveNext(stop.Token))
                    link.Answered(answers.Current);
            }
            finally
            {
                links.Closed(link);
                await stop.CancelAsync();
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var query in link.Outgoing.ReadAllAsync(stop.Token))
                await queries.WriteAsync(query, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The district went away or a newer stream of the same district replaced this one.
        }
        finally
        {
            links.Closed(link);
            await stop.CancelAsync();
            try { await reading; } catch (Exception) { /* the stream is torn down; pending queries were failed by Closed */ }
        }
    }
}
