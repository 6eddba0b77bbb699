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
                throw NotOwnInstitution($"{caller} sees its own clinic's view only, not {requested}'s.", field);
            return caller.Code;
        }
        if (requested is not null && district.Institutions.All(i => i.Code != requested))
            throw new DomainValidationException([new FieldViolation(field, $"'{requested}' is not a clinic of district {district.Code} ({district.Name}).")]);
        return requested;
    }

    /// <summary>
    /// A clinic acts for itself; the district's IT may act for any of the district's clinics.
    /// Otherwise PERMISSION_DENIED with reason NOT_OWN_INSTITUTION naming <paramref name="field"/>.
    /// </summary>
    public static void RequireActingFor(ServerCallContext context, District district, string institutionCode, string field)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(institutionCode))
            throw RpcErrors.InvalidArgument($"{field} is required.", (field, "is required."));
        var own = district.Institutions.Any(i => i.Code == institutionCode);
        var allowed = caller.Kind == CallerKind.Institution ? caller.Code == institutionCode : own;
        if (!allowed)
            throw NotOwnInstitution(own
                ? $"{caller} may not act for institution {institutionCode}."
                : $"Institution {institutionCode} is not a clinic of district {district.Code} ({district.Name}).", field);
    }

    public static RpcException NotOwnInstitution(string message, string field) => PermissionDenied(message, "NOT_OWN_INSTITUTION", field);

    /// <summary>PERMISSION_DENIED with reason NOT_OWN_DISTRICT, as the city refuses a district acting for another.</summary>
    public static RpcException NotOwnDistrict(string message, string field) => PermissionDenied(message, "NOT_OWN_DISTRICT", field);

    private static RpcException PermissionDenied(string message, string reason, string field) =>
        RpcErrors.WithErrorInfo(StatusCode.PermissionDenied, message, reason, "healthrecords", new Dictionary<string, string> { ["field"] = field });
}
