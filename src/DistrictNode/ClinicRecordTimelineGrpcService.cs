using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicRecordTimelineService: the owning clinic reads its record's
/// homepage and services from the city; after a transfer that is the new owner (R-TR-6).
/// </summary>
public sealed class ClinicRecordTimelineGrpcService(CityClient city, DistrictIndex index, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor => RecordTimelineReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicRecordTimelineService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<GetRecordHomepageRequest, RecordHomepage>(nameof(GetRecordHomepage), GetRecordHomepage);
        binder.Unary<ListServiceRecordsRequest, ListServiceRecordsResponse>(nameof(ListServiceRecords), ListServiceRecords);
    }

    private async Task<RecordHomepage> GetRecordHomepage(GetRecordHomepageRequest request, ServerCallContext context)
    {
        await RequireOwnerAsync(request.RecordNumber, context);
        return await city.RelayTimelineAsync<GetRecordHomepageRequest, RecordHomepage>(nameof(GetRecordHomepage), request, context);
    }

    private async Task<ListServiceRecordsResponse> ListServiceRecords(ListServiceRecordsRequest request, ServerCallContext context)
    {
        await RequireOwnerAsync(request.RecordNumber, context);
        return await city.RelayTimelineAsync<ListServiceRecordsRequest, ListServiceRecordsResponse>(nameof(ListServiceRecords), request, context);
    }

    /// <summary>R-TR-6: the present owner (as the district's index holds it, from the city's events) or the district's IT for it.</summary>
    private async Task RequireOwnerAsync(string recordNumber, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(recordNumber).Value;
        var entry = await index.GetAsync(number, context.CancellationToken);
        var caller = context.GetCaller();
        var owns = entry is not null && (caller.Kind == CallerKind.District
            ? district.Institutions.Any(i => i.Code == entry.OwnerInstitution)
            : entry.OwnerInstitution == caller.Code);
        if (!owns)
            throw ClinicScope.NotOwnInstitution($"Record {number} is not owned by {(caller.Kind == CallerKind.District ? $"a clinic of district {district.Code}" : caller.Code)}.",
                "record_number");
    }
}
