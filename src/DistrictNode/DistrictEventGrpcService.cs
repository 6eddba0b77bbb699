using System.Globalization;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.DistrictEventService: the city's events as this district applied them,
/// with the city's sequence numbers, for district IT (all, or one clinic's) and each clinic (its own).
/// </summary>
public sealed class DistrictEventGrpcService(DistrictFeed feed, District district, IHostApplicationLifetime lifetime) : IGrpcService
{
    public ServiceDescriptor Descriptor => DistrictEventsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictEventService");

    public void Bind(ServiceBinder binder) => binder
        .ServerStreaming<WatchDistrictEventsRequest, Types.DistrictEvent>(nameof(WatchDistrictEvents), WatchDistrictEvents)
        .Unary<ListDistrictEventsRequest, ListDistrictEventsResponse>(nameof(ListDistrictEvents), ListDistrictEvents);

    private Task WatchDistrictEvents(WatchDistrictEventsRequest request, IServerStreamWriter<Types.DistrictEvent> events, ServerCallContext context)
    {
        var institution = ClinicScope.Of(context, district, request.InstitutionCode, "institution_code");
        if (request.AfterSequence < 0)
            throw new DomainValidationException([new FieldViolation("after_sequence", "must not be negative.")]);
        return DistrictEventStreaming.StreamAsync(request.AfterSequence,
            async (after, limit, ct) => Parse(await feed.ReadAfterAsync(institution, after, limit, ct)),
            feed.AppliedAsync, events, context, lifetime);
    }

    private async Task<ListDistrictEventsResponse> ListDistrictEvents(ListDistrictEventsRequest request, ServerCallContext context)
    {
        var institution = ClinicScope.Of(context, district, request.InstitutionCode, "institution_code");
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key && long.TryParse(key, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
        var fetched = Parse(await feed.ReadAfterAsync(institution, after, pageSize + 1, context.CancellationToken));
        var (items, next) = Paging.Cut(fetched, pageSize, e => e.Sequence.ToString(CultureInfo.InvariantCulture));
        var response = new ListDistrictEventsResponse { NextPageToken = next };
        response.Events.AddRange(items);
        return response;
    }

    // Kept as the city sent them: the city's sequence number and message, unchanged.
    private static IReadOnlyList<Types.DistrictEvent> Parse(IReadOnlyList<AppliedEvent> applied) =>
        applied.Select(e => Types.DistrictEvent.Parser.ParseFrom(e.Payload)).ToList();
}
