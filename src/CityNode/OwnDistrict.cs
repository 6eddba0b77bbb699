using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;

namespace HealthRecords.CityNode;

/// <summary>A district acts for its own clinics and reads its own log only.</summary>
internal static class OwnDistrict
{
    public static void Require(ServerCallContext context, string districtCode, string field)
    {
        var caller = context.GetCaller();
        if (caller.Code != districtCode)
            throw RpcErrors.WithErrorInfo(StatusCode.PermissionDenied,
                $"District {caller.Code} may not act for {field} of district {districtCode}.",
                "NOT_OWN_DISTRICT", "healthrecords", new Dictionary<string, string> { ["field"] = field });
    }

    /// <summary>An institution of the city named in a request; INVALID_ARGUMENT on <paramref name="field"/> otherwise.</summary>
    public static Institution Institution(CityTopology topology, string? code, string field) =>
        topology.FindInstitution(code?.Trim() ?? "")
        ?? throw new DomainValidationException(field, $"'{code}' is not an institution of {topology.CityName}.");

    /// <summary>The institution a request acts for: one of the city's, and of the calling district's.</summary>
    public static Institution ActingInstitution(ServerCallContext context, CityTopology topology, string? code, string field)
    {
        var institution = Institution(topology, code, field);
        Require(context, institution.DistrictCode, field);
        return institution;
    }
}
