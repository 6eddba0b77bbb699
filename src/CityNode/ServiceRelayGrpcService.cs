using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.ServiceRecordRelay: one long-lived stream per district, a batch in, its acks out.</summary>
public sealed class ServiceRelayGrpcService(ServiceRecordIntake intake) : IGrpcService
{
    public ServiceDescriptor Descriptor => ServiceRelayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServiceRecordRelay");

    public void Bind(ServiceBinder binder) =>
        binder.DuplexStreaming<RelayServiceRecordsRequest, RelayServiceRecordsResponse>("RelayServiceRecords", RelayServiceRecords);

    private async Task RelayServiceRecords(IAsyncStreamReader<RelayServiceRecordsRequest> requests,
        IServerStreamWriter<RelayServiceRecordsResponse> responses, ServerCallContext context)
    {
        var district = context.GetCaller().Code;
        while (await requests.MoveNext(context.CancellationToken))
        {
            var response = new RelayServiceRecordsResponse();
            response.Acks.AddRange(await intake.AcceptAsync(requests.Current.Records, district, context.CancellationToken));
            await responses.WriteAsync(response, context.CancellationToken);
        }
    }
}
