using MethodDescriptor = Google.Protobuf.Reflection.MethodDescriptor;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;

namespace HealthRecords.CityNode;

/// <summary>
/// The city answers its district nodes (CQ art. 20); clinics reach it through their district. The
/// city administration calls the administration services only, and the districts may not call
/// those; the administrator's user is authenticated by their signed token (the services require a
/// city-level token whose user is the caller's). Researchers are city-level users too: their
/// research exports (R-AC-4) are an administration service.
/// </summary>
public sealed class CityCallerInterceptor(CityTopology topology) : CallerInterceptor
{
    private static readonly HashSet<string> AdministrationServices =
    [
        ReconciliationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ReconciliationService").FullName,
        ResearchExportsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ResearchExportService").FullName,
        DuplicateReviewReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DuplicateReviewService").FullName,
    ];

    // R-AC-5: the access audit is queried by districts (their own) and by the city administration (all);
    // R-CN-4: data-quality reports likewise, by district and institution administrators through their district.
    private static readonly HashSet<string> SharedServices =
    [
        OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AccessAuditService").FullName,
        DataQualityReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DataQualityService").FullName,
    ];

    protected override string? Authorize(Caller caller) => caller.Kind switch
    {
        CallerKind.District when topology.FindDistrict(caller.Code) is not null => null,
        CallerKind.District => $"{caller.Code} is not a district of {topology.CityName}.",
        _ => $"The city node answers district nodes only; {caller} must call through its district.",
    };

    protected override string? Authorize(Caller caller, ServerCallContext context, MethodDescriptor method)
    {
        if (SharedServices.Contains(method.Service.FullName))
            return caller.Kind == CallerKind.Administrator ? null : Authorize(caller);
        var administration = AdministrationServices.Contains(method.Service.FullName);
        if (caller.Kind != CallerKind.Administrator)
            return administration ? $"{method.Service.Name} is for the city administration; {caller} may not call it." : Authorize(caller);
        return administration ? null : $"The city administration calls {string.Join(", ", AdministrationServices)} only; {method.Service.Name} is for district nodes.";
    }
}
