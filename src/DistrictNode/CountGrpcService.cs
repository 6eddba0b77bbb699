using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.CountService: this district's managed and archived records per clinic
/// (R-CN-1), from its own index; once the city's events are applied they equal the city's (R-CN-2).
/// </summary>
public sealed class CountGrpcService(DistrictIndex index, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor => CountsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CountService");

    public void Bind(ServiceBinder binder) =>
        binder.Unary<ListManagedCountsRequest, ListManagedCountsResponse>(nameof(ListManagedCounts), ListManagedCounts);

    private async Task<ListManagedCountsResponse> ListManagedCounts(ListManagedCountsRequest request, ServerCallContext context)
    {
        var institution = ClinicScope.Of(context, district, request.InstitutionCode, "institution_code");
        var tally = ManagedCounts.Tally([district], await index.CountByOwnerAsync(context.CancellationToken))
            .Where(c => institution is null || c.InstitutionCode == institution).ToList();
        var (page, next) = ManagedCountPages.Page(tally, request.PageSize, request.PageToken);
        var response = new ListManagedCountsResponse { NextPageToken = next };
        response.Counts.AddRange(page);
        return response;
    }
}
