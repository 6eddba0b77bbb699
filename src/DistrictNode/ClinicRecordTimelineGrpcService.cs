using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicRecordTimelineService: a clinic's users read a record's homepage
/// and services from the city, which decides with the user's token who may read what: the owner
/// (after a transfer the new one, R-TR-6), another clinician with the resident's code or in an
/// emergency (R-AC-2), and what is withheld (R-AC-3).
/// </summary>
public sealed class ClinicRecordTimelineGrpcService(CityClient city) : IGrpcService
{
    public ServiceDescriptor Descriptor => RecordTimelineReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicRecordTimelineService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<GetRecordHomepageRequest, RecordHomepage>(nameof(GetRecordHomepage), GetRecordHomepage);
        binder.Unary<ListServiceRecordsRequest, ListServiceRecordsResponse>(nameof(ListServiceRecords), ListServiceRecords);
    }

    private Task<RecordHomepage> GetRecordHomepage(GetRecordHomepageRequest request, ServerCallContext context)
    {
        context.RequirePrincipal();
        return city.RelayTimelineAsync<GetRecordHomepageRequest, RecordHomepage>(nameof(GetRecordHomepage), request, context);
    }

    private Task<ListServiceRecordsResponse> ListServiceRecords(ListServiceRecordsRequest request, ServerCallContext context)
    {
        context.RequirePrincipal();
        return city.RelayTimelineAsync<ListServiceRecordsRequest, ListServiceRecordsResponse>(nameof(ListServiceRecords), request, context);
    }
}
