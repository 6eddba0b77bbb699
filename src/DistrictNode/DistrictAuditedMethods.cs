using HealthRecords.Contracts.District.V1;
using HealthRecords.Hosting.Audit;

namespace HealthRecords.DistrictNode;

/// <summary>
/// R-AC-5: what the district serves from its own copy of residents' data (to its clinics and to
/// district IT), and the reads it relays to the city; every call of these leaves an entry in the
/// district's audit log, allowed or refused — a read the district refuses itself (e.g. without the
/// user's token) never reaches the city, and the city's log has the decision of those it relays.
/// </summary>
internal static class DistrictAuditedMethods
{
    private const string Package = "healthrecords.district.v1.";

    public static AuditedMethods Declaration => AuditedMethods.Declare(
        [DistrictGatewayReflection.Descriptor, ClinicUploadsReflection.Descriptor, DistrictEventsReflection.Descriptor, InboxReflection.Descriptor,
            RecordTimelineReflection.Descriptor, RecordLifecycleReflection.Descriptor, RecordAccessReflection.Descriptor, OffsiteServicesReflection.Descriptor,
            HistoricImportReflection.Descriptor],
        new Dictionary<string, string>
        {
            [Package + "DistrictGateway/ListDistrictRecords"] = "list_district_records",
            [Package + "ClinicUploadService/ListUploadedServiceRecords"] = "list_uploaded_service_records",
            [Package + "ClinicUploadService/GetUploadedServiceRecord"] = "read_uploaded_service_record",
            [Package + "DistrictEventService/ListDistrictEvents"] = "list_district_events",
            [Package + "DistrictEventService/WatchDistrictEvents"] = "watch_district_events",
            [Package + "ClinicInboxService/ListInbox"] = "list_inbox",
            [Package + "ClinicInboxService/ListOffsiteServiceNotices"] = "list_offsite_service_notices",
            // Relayed to the city, which decides and audits them too.
            [Package + "HistoricImportService/ImportHistoricRecords"] = "import_historic_records",
            [Package + "HistoricImportService/GetHistoricImport"] = "read_historic_import",
            [Package + "HistoricImportService/ListHistoricImports"] = "list_historic_imports",
            [Package + "DistrictGateway/LookupEnrollment"] = "search_master_index",
            [Package + "DistrictGateway/GetMasterIndexEntry"] = "read_master_index_entry",
            [Package + "ClinicRecordTimelineService/GetRecordHomepage"] = "read_homepage",
            [Package + "ClinicRecordTimelineService/ListServiceRecords"] = "list_service_records",
            [Package + "ClinicRecordLifecycleService/ListRecordHistory"] = "read_record_history",
            [Package + "ClinicRecordAccessService/RequestResidentAuthorization"] = "request_resident_code",
            [Package + "ClinicRecordAccessService/ConfirmResidentAuthorization"] = "confirm_resident_code",
            [Package + "ClinicRecordAccessService/DeclareEmergencyAccess"] = "declare_emergency_access",
            [Package + "ClinicRecordAccessService/ListAccessGrants"] = "list_access_grants",
            [Package + "ClinicOffsiteService/GetOffsiteSummary"] = "offsite_summary",
        });
}
