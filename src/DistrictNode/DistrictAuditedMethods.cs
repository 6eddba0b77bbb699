using HealthRecords.Contracts.District.V1;
using HealthRecords.Hosting.Audit;

namespace HealthRecords.DistrictNode;

/// <summary>
/// R-AC-5: what the district serves from its own copy of residents' data (to its clinics and to
/// district IT); every call of these leaves an entry in the district's audit log, allowed or refused.
/// Reads the district relays to the city are audited by the city, which decides them.
/// </summary>
internal static class DistrictAuditedMethods
{
    private const string Package = "healthrecords.district.v1.";

    public static AuditedMethods Declaration => AuditedMethods.Declare(
        [DistrictGatewayReflection.Descriptor, ClinicUploadsReflection.Descriptor, DistrictEventsReflection.Descriptor, InboxReflection.Descriptor],
        new Dictionary<string, string>
        {
            [Package + "DistrictGateway/ListDistrictRecords"] = "list_district_records",
            [Package + "ClinicUploadService/ListUploadedServiceRecords"] = "list_uploaded_service_records",
            [Package + "ClinicUploadService/GetUploadedServiceRecord"] = "read_uploaded_service_record",
            [Package + "DistrictEventService/ListDistrictEvents"] = "list_district_events",
            [Package + "DistrictEventService/WatchDistrictEvents"] = "watch_district_events",
            [Package + "ClinicInboxService/ListInbox"] = "list_inbox",
            [Package + "ClinicInboxService/ListOffsiteServiceNotices"] = "list_offsite_service_notices",
        });
}
