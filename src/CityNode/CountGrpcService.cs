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
public sealed class CountGrpcService(RecordCounts counts, YearWorkloads workloads, OffsiteServiceCounts offsite, CityTopology topology) : IGrpcService
{
    public ServiceDescriptor Descriptor => CountsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CountService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<ListManagedCountsRequest, ListManagedCountsResponse>(nameof(ListManagedCounts), ListManagedCounts);
        binder.Unary<ListYearWorkloadsRequest, ListYearWorkloadsResponse>(nameof(ListYearWorkloads), ListYearWorkloads);
        binder.Unary<ListOffsiteServiceCountsRequest, ListOffsiteServiceCountsResponse>(nameof(ListOffsiteServiceCounts), ListOffsiteServiceCounts);
    }

    private async Task<ListManagedCountsResponse> ListManagedCounts(ListManagedCountsRequest request, ServerCallContext context)
    {
        var code = ProtoMapping.NullIfEmpty(request.DistrictCode);
        var districts = Districts(code);
        var tally = ManagedCounts.Tally(districts, await counts.ByOwnerAsync(code, context.CancellationToken));
        var (page, next) = ManagedCountPages.Page(tally, request.PageSize, request.PageToken);
        var response = new ListManagedCountsResponse { NextPageToken = next };
        response.Counts.AddRange(page);
        return response;
    }

    /// <summary>R-CN-3: every clinic of the districts listed (zeros included), each district's total first.</summary>
    private async Task<ListYearWorkloadsResponse> ListYearWorkloads(ListYearWorkloadsRequest request, ServerCallContext context)
    {
        CheckYear(request.Year);
        var code = ProtoMapping.NullIfEmpty(request.DistrictCode);
        var found = (await workloads.OfYearAsync(request.Year, code, context.CancellationToken)).ToDictionary(w => (w.DistrictCode, w.InstitutionCode));
        var all = EveryClinic(code).Select(key => found.GetValueOrDefault(key) ?? new YearWorkload(key.District, key.Institution, 0, 0, 0));
        var (items, next) = Paging.Page(all, request.PageSize, request.PageToken, Key);
        var response = new ListYearWorkloadsResponse { NextPageToken = next };
        response.Workloads.AddRange(items.Select(w => new Contracts.Types.V1.YearWorkload
        {
            DistrictCode = w.DistrictCode, InstitutionCode = w.InstitutionCode, Year = request.Year,
            Services = w.Services, ResidentsServed = w.ResidentsServed, ServicesToDeceased = w.ServicesToDeceased,
        }));
        return response;
    }

    /// <summary>R-OS-5: every clinic of the districts listed (zeros included), each district's total first.</summary>
    private async Task<ListOffsiteServiceCountsResponse> ListOffsiteServiceCounts(ListOffsiteServiceCountsRequest request, ServerCallContext context)
    {
        CheckYear(request.Year);
        var code = ProtoMapping.NullIfEmpty(request.DistrictCode);
        var found = (await offsite.OfYearAsync(request.Year, code, context.CancellationToken)).ToDictionary(c => (c.DistrictCode, c.InstitutionCode));
        var all = EveryClinic(code).Select(key => found.GetValueOrDefault(key) ?? new OffsiteServiceCount(key.District, key.Institution, 0, 0));
        var (items, next) = Paging.Page(all, request.PageSize, request.PageToken, c => $"{c.DistrictCode}/{c.InstitutionCode}");
        var response = new ListOffsiteServiceCountsResponse { NextPageToken = next };
        response.Counts.AddRange(items.Select(c => new Contracts.Types.V1.OffsiteServiceCount
        {
            DistrictCode = c.DistrictCode, InstitutionCode = c.InstitutionCode, Year = request.Year,
            ServedForOthers = c.ServedForOthers, ServedElsewhere = c.ServedElsewhere,
        }));
        return response;
    }

    /// <summary>(district, "") then (district, clinic) for each clinic, in code order.</summary>
    private IEnumerable<(string District, string Institution)> EveryClinic(string? districtCode) =>
        Districts(districtCode).OrderBy(d => d.Code, StringComparer.Ordinal)
            .SelectMany(d => d.Institutions.Select(i => i.Code).Order(StringComparer.Ordinal).Prepend("").Select(i => (d.Code, i)));

    private static void CheckYear(int year)
    {
        if (year is < 1900 or > 9998)
            throw new DomainValidationException("year", $"{year} is not a calendar year.");
    }

    private IReadOnlyCollection<District> Districts(string? code) => code is null ? topology.Districts
        : [topology.FindDistrict(code) ?? throw new DomainValidationException([new FieldViolation("district_code", $"'{code}' is not a district of {topology.CityName}.")])];

    private static string Key(YearWorkload w) => $"{w.DistrictCode}/{w.InstitutionCode}";
}
