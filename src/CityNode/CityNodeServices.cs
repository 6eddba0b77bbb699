using HealthRecords.Grains.Records;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode;

public static class CityNodeServices
{
    public static IServiceCollection AddCityNode(this IServiceCollection services) => services
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
        .AddSingleton<RecordLifecycleGrpcService>();
}
