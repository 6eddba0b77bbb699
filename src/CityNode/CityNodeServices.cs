using HealthRecords.CityNode.Access;
using HealthRecords.Grains.Records;
using HealthRecords.Rpc;
using HealthRecords.CityNode.Administration;
using HealthRecords.CityNode.Quality;
using HealthRecords.CityNode.Merging;
using HealthRecords.CityNode.Import;
using HealthRecords.CityNode.Reconciliation;
using HealthRecords.CityNode.Research;
using HealthRecords.Storage;
using HealthRecords.Storage.Audit;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Digests;
using HealthRecords.Storage.Reconciliation;
using HealthRecords.Storage.Security;
using HealthRecords.Hosting.Security;

namespace HealthRecords.CityNode;

public static class CityNodeServices
{
    public static IServiceCollection AddCityNode(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(AdministratorAccounts.From(configuration))
        .AddSingleton(IdentityKeyConfiguration.From(configuration)) // R-AC-6: no keys, no start
        .AddSingleton<IdentityProtector>()
        .AddSingleton<IdentityConversion>()
        .AddSingleton(sp => IndexDigests.OfCity(sp.GetRequiredService<Database>()))
        .AddSingleton<ReconciliationLog>()
        .AddSingleton<IndexRepairLog>()
        .AddSingleton(configuration.GetSection("Reconciliation").Get<ReconciliationOptions>() ?? new ReconciliationOptions())
        .AddSingleton<DistrictDigestLinks>()
        .AddSingleton<DigestExchangeGrpcService>()
        .AddSingleton<IndexReconciler>()
        .AddSingleton<IndexRepairs>()
        .AddSingleton<ReconciliationGrpcService>()
        .AddHostedService<ReconciliationSchedule>()
        .AddSingleton<DistrictEventLog>()
        .AddSingleton<SqlRecordStore>()
        .AddSingleton<IRecordStore>(sp => sp.GetRequiredService<SqlRecordStore>())
        .AddSingleton<RecordGrains>()
        .AddSingleton<MasterIndexGrpcService>()
        .AddSingleton<ServiceRecordStore>()
        .AddSingleton<ServiceRecordIntake>()
        .AddSingleton<ServiceRelayGrpcService>()
        .AddSingleton<RecordTimelineGrpcService>()
        .AddSingleton<CorrectionStore>()
        .AddSingleton<CorrectionWorkflow>()
        .AddSingleton<ServiceCorrectionGrpcService>()
        .AddSingleton<DistrictEventFeedGrpcService>()
        .AddSingleton<RecordCounts>()
        .AddSingleton<YearWorkloads>()
        .AddSingleton<CountGrpcService>()
        .AddSingleton<TransferStore>()
        .AddSingleton<TransferWorkflow>()
        .AddSingleton<TransferGrpcService>()
        .AddHostedService<TransferExpirySweeper>()
        .AddSingleton<LostToFollowUpCandidates>()
        .AddSingleton<RecordLifecycleGrpcService>()
        .AddSingleton<OffsiteServiceCounts>()
        .AddSingleton(CityAuditedMethods.Declaration)
        .AddSingleton<OffsiteSummaryGrpcService>()
        .AddSingleton<AccessAuditGrpcService>()
        .AddSingleton<RecordAccessGrants>()
        .AddSingleton<RecordReadAuthorization>()
        .AddSingleton<ResidentCodeSender>()
        .AddSingleton<RecordAccessGrpcService>()
        .AddSingleton<ResearchExportStore>()
        .AddSingleton<ResearchExportGrpcService>()
        .AddSingleton<QualityReportStore>()
        .AddSingleton<QualityReports>()
        .AddSingleton<DataQualityGrpcService>()
        .AddHostedService<QualityReportSchedule>()
        .AddSingleton<DuplicateReviewStore>()
        .AddSingleton<RecordMergeStore>()
        .AddSingleton<MergeWorkflow>()
        .AddSingleton<RekeyWorkflow>()
        .AddSingleton<DuplicateReviewGrpcService>()
        .AddSingleton<ImportBatchWriter>()
        .AddSingleton<HistoricImportStore>()
        .AddSingleton<HistoricImportGrpcService>();

    /// <summary>Every gRPC service the city node answers.</summary>
    public static WebApplication MapCityNodeServices(this WebApplication app)
    {
        app.MapGrpcService<MasterIndexGrpcService>();
        app.MapGrpcService<ServiceRelayGrpcService>();
        app.MapGrpcService<RecordTimelineGrpcService>();
        app.MapGrpcService<ServiceCorrectionGrpcService>();
        app.MapGrpcService<DistrictEventFeedGrpcService>();
        app.MapGrpcService<CountGrpcService>();
        app.MapGrpcService<TransferGrpcService>();
        app.MapGrpcService<RecordLifecycleGrpcService>();
        app.MapGrpcService<OffsiteSummaryGrpcService>();
        app.MapGrpcService<AccessAuditGrpcService>();
        app.MapGrpcService<DigestExchangeGrpcService>();
        app.MapGrpcService<ReconciliationGrpcService>();
        app.MapGrpcService<RecordAccessGrpcService>();
        app.MapGrpcService<ResearchExportGrpcService>();
        app.MapGrpcService<DataQualityGrpcService>();
        app.MapGrpcService<DuplicateReviewGrpcService>();
        app.MapGrpcService<HistoricImportGrpcService>();
        return app;
    }
}
