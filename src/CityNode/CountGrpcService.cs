using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.CountService: managed and archived records per clinic and district (R-CN-1).</summary>
public sealed class CountGrpcService(RecordCounts counts, CityTopology topology) : IGrpcService
{
    public ServiceDescriptor Descriptor => CountsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CountService");

    public void Bind(ServiceBinder binder) =>
        binder.Unary<ListManagedCountsRequest, ListManagedCountsResponse>(nameof(ListManagedCounts), ListManagedCounts);

    private async Task<ListManagedCountsResponse> ListManagedCounts(ListManagedCountsRequest request, ServerCallContext context)
    {
        var code = ProtoMapping.NullIfEmpty(request.DistrictCode);
        IReadOnlyCollection<District> districts = code is null ? topology.Districts
            : [topology.FindDistrict(code) ?? throw new DomainValidationException([new FieldViolation("district_code", $"'{code}' is not a district of {topology.CityName}.")])];
        var tally = ManagedCounts.Tally(districts, await counts.ByOwnerAsync(code, context.CancellationToken));
        var (page, next) = ManagedCountPages.Page(tally, request.PageSize, request.PageToken);
        var response = new ListManagedCountsResponse { NextPageToken = next };
        response.Counts.AddRange(page);
        return response;
    }
}
