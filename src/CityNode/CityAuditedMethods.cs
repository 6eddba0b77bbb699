using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting.Audit;

namespace HealthRecords.CityNode;

/// <summary>
/// R-AC-5: the city's methods that read, search, download or exchange residents' data; every call
/// of these leaves an audit entry, allowed or refused. Writes (enrolment, uploads, transfers) are
/// kept in their own journals and are not listed here.
/// </summary>
internal static class CityAuditedMethods
{
    private const string Package = "healthrecords.city.v1.";

    public static AuditedMethods Declaration => AuditedMethods.Declare(
        [MasterIndexReflection.Descriptor, RecordHomepageReflection.Descriptor, RecordLifecycleReflection.Descriptor,
            RecordAccessReflection.Descriptor, OffsiteServicesReflection.Descriptor, ServiceCorrectionsReflection.Descriptor,
            DistrictEventsReflection.Descriptor, ResearchExportsReflection.Descriptor, DataQualityReflection.Descriptor,
            DuplicateReviewReflection.Descriptor, HistoricImportReflection.Descriptor],
        new Dictionary<string, string>
        {
            [Package + "MasterIndexService/LookupEnrollment"] = "search_master_index",
            [Package + "MasterIndexService/GetMasterIndexEntry"] = "read_master_index_entry",
            [Package + "MasterIndexService/ListMasterIndexEntries"] = "list_master_index_entries",
            [Package + "RecordTimelineService/GetRecordHomepage"] = "read_homepage",
            [Package + "RecordTimelineService/ListServiceRecords"] = "list_service_records",
            [Package + "RecordLifecycleService/ListRecordHistory"] = "read_record_history",
            [Package + "RecordLifecycleService/ListLostToFollowUpCandidates"] = "list_lost_to_follow_up",
            [Package + "RecordAccessService/RequestResidentAuthorization"] = "request_resident_code",
            [Package + "RecordAccessService/ConfirmResidentAuthorization"] = "confirm_resident_code",
            [Package + "RecordAccessService/DeclareEmergencyAccess"] = "declare_emergency_access",
            [Package + "RecordAccessService/ListAccessGrants"] = "list_access_grants",
            // The service writes its own entry (its answer carries the entry's id); refusals before that are audited here.
            [Package + "OffsiteSummaryService/GetOffsiteSummary"] = OffsiteSummaryGrpcService.Action,
            [Package + "ServiceCorrectionService/GetCorrection"] = "read_correction",
            [Package + "ServiceCorrectionService/ListCorrections"] = "list_corrections",
            [Package + "ServiceCorrectionService/ListServiceRecordVersions"] = "list_service_record_versions",
            // R-AC-4 research exports, de-identified but still residents' data.
            [Package + "ResearchExportService/RequestResearchExport"] = "request_research_export",
            [Package + "ResearchExportService/DecideResearchExport"] = "decide_research_export",
            [Package + "ResearchExportService/GetResearchExport"] = "read_research_export",
            [Package + "ResearchExportService/ListResearchExports"] = "list_research_exports",
            [Package + "ResearchExportService/ListResearchExportRows"] = "download_research_export",
            // R-CN-4 data-quality reports and findings: they name residents' records.
            [Package + "DataQualityService/GetQualityReport"] = "read_quality_report",
            [Package + "DataQualityService/ListQualityFindings"] = "list_quality_findings",
            // R-ID-1, R-MG: the review queue shows both records' basic information side by side; a merge changes them.
            [Package + "DuplicateReviewService/ListDuplicateCandidates"] = "list_duplicate_candidates",
            [Package + "DuplicateReviewService/GetDuplicateCandidate"] = "read_duplicate_candidate",
            [Package + "DuplicateReviewService/ConfirmDuplicate"] = "confirm_duplicate",
            [Package + "DuplicateReviewService/DismissDuplicate"] = "dismiss_duplicate",
            [Package + "DuplicateReviewService/GetRecordMerge"] = "read_record_merge",
            [Package + "DuplicateReviewService/ListRecordMerges"] = "list_record_merges",
            // Issue 8: a district's historic records in bulk, a data exchange; and what the imports found.
            [Package + "HistoricImportService/ImportHistoricRecords"] = "import_historic_records",
            [Package + "HistoricImportService/GetHistoricImport"] = "read_historic_import",
            [Package + "HistoricImportService/ListHistoricImports"] = "list_historic_imports",
            // Node-to-node exchange of residents' data: each subscription of a district.
            [Package + "DistrictEventFeed/SubscribeDistrictEvents"] = "exchange_district_events",
        });
}
