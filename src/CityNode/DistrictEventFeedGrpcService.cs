using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.DistrictEventFeed: a district follows its own event log (R-CN-2).</summary>
public sealed class DistrictEventFeedGrpcService(DistrictEventLog log, CityTopology topology, IHostApplicationLifetime lifetime) : IGrpcService
{
    public ServiceDescriptor Descriptor => DistrictEventsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictEventFeed");

    public void Bind(ServiceBinder binder) =>
        binder.ServerStreaming<SubscribeDistrictEventsRequest, Types.DistrictEvent>(nameof(SubscribeDistrictEvents), SubscribeDistrictEvents);

    private async Task SubscribeDistrictEvents(SubscribeDistrictEventsRequest request, IServerStreamWriter<Types.DistrictEvent> events, ServerCallContext context)
    {
        var district = request.DistrictCode;
        if (topology.FindDistrict(district) is null)
            throw new DomainValidationException([new FieldViolation("district_code", $"'{district}' is not a district of {topology.CityName}.")]);
        OwnDistrict.Require(context, district, "district_code");
        if (request.AfterSequence < 0)
            throw new DomainValidationException([new FieldViolation("after_sequence", "must not be negative.")]);
        var head = await log.HeadAsync(district, context.CancellationToken);
        if (request.AfterSequence > head)
            throw new RpcException(new Status(StatusCode.OutOfRange,
                $"District {district} has applied up to event {request.AfterSequence}, but the city's log for it ends at {head}."));
        await DistrictEventStreaming.StreamAsync(request.AfterSequence,
            async (after, limit, ct) => (await log.ReadAfterAsync(district, after, limit, ct)).Select(e => e.Event.ToProto(e.Sequence)).ToList(),
            () => log.AppendedAsync(district), events, context, lifetime);
    }
}
