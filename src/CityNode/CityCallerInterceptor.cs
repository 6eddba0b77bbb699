using System.Text;
using MethodDescriptor = Google.Protobuf.Reflection.MethodDescriptor;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.CityNode.Administration;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;

namespace HealthRecords.CityNode;

/// <summary>
/// The city answers its district nodes (CQ art. 20); clinics reach it through their district. City
/// administrators, with verified credentials, call the reconciliation service and nothing else; the
/// districts may not call it.
/// </summary>
public sealed class CityCallerInterceptor(CityTopology topology, AdministratorAccounts administrators) : CallerInterceptor
{
    private static readonly string AdministrationService =
        ReconciliationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ReconciliationService").FullName;

    protected override string? Authorize(Caller caller) => caller.Kind switch
    {
        CallerKind.District when topology.FindDistrict(caller.Code) is not null => null,
        CallerKind.District => $"{caller.Code} is not a district of {topology.CityName}.",
        _ => $"The city node answers district nodes only; {caller} must call through its district.",
    };

    protected override string? Authorize(Caller caller, ServerCallContext context, MethodDescriptor method)
    {
        var administration = method.Service.FullName == AdministrationService;
        if (caller.Kind != CallerKind.Administrator)
            return administration ? $"{method.Service.Name} is for city administrators; {caller} may not call it." : Authorize(caller);
        if (!administration)
            return $"City administrators call {AdministrationService} only; {method.Service.Name} is for district nodes.";
        return Authenticated(caller.Code, context.RequestHeaders.GetValue("authorization"))
            ? null
            : $"{caller} did not present valid administrator credentials (authorization: Basic).";
    }

    private bool Authenticated(string user, string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        return colon > 0 && decoded[..colon] == user && administrators.Verify(user, decoded[(colon + 1)..]);
    }
}
