using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;

namespace HealthRecords.CityNode;

/// <summary>The city answers its district nodes only (CQ art. 20); clinics reach it through their district.</summary>
public sealed class CityCallerInterceptor(CityTopology topology) : CallerInterceptor
{
    protected override string? Authorize(Caller caller) => caller.Kind switch
    {
        CallerKind.District when topology.FindDistrict(caller.Code) is not null => null,
        CallerKind.District => $"{caller.Code} is not a district of {topology.CityName}.",
        _ => $"The city node answers district nodes only; {caller} must call through its district.",
    };
}
