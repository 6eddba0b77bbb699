using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;

namespace HealthRecords.DistrictNode;

/// <summary>A district node serves its own clinics and its own IT systems, nobody else.</summary>
public sealed class DistrictCallerInterceptor(District district) : CallerInterceptor
{
    protected override string? Authorize(Caller caller) => caller.Kind switch
    {
        CallerKind.District when caller.Code == district.Code => null,
        CallerKind.Institution when district.Institutions.Any(i => i.Code == caller.Code) => null,
        CallerKind.Institution => $"Institution {caller.Code} is not a clinic of district {district.Code} ({district.Name}).",
        _ => $"District {district.Code} does not serve {caller}.",
    };
}
