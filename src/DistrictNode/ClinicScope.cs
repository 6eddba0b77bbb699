using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;

namespace HealthRecords.DistrictNode;

/// <summary>Whose view a caller gets of the district's data: a clinic its own, district IT any of its clinics' or the whole district's.</summary>
internal static class ClinicScope
{
    /// <returns>The clinic to filter by, or null for the whole district (district IT only).</returns>
    public static string? Of(ServerCallContext context, District district, string requestedInstitution, string field)
    {
        var caller = context.GetCaller();
        var requested = ProtoMapping.NullIfEmpty(requestedInstitution);
        if (caller.Kind == CallerKind.Institution)
        {
            if (requested is not null && requested != caller.Code)
                throw RpcErrors.WithErrorInfo(StatusCode.PermissionDenied, $"{caller} sees its own clinic's view only, not {requested}'s.",
                    "NOT_OWN_INSTITUTION", "healthrecords", new Dictionary<string, string> { ["field"] = field });
            return caller.Code;
        }
        if (requested is not null && district.Institutions.All(i => i.Code != requested))
            throw new DomainValidationException([new FieldViolation(field, $"'{requested}' is not a clinic of district {district.Code} ({district.Name}).")]);
        return requested;
    }
}
