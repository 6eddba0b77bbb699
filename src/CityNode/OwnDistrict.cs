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
}
