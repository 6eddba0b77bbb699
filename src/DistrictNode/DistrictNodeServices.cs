using HealthRecords.Grains.Topology;
using HealthRecords.Rpc;
using HealthRecords.Storage;
using HealthRecords.Storage.Digests;
using HealthRecords.Storage.District;

namespace HealthRecords.DistrictNode;

public static class DistrictNodeServices
{
    public static IServiceCollection AddDistrictNode(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DistrictOptions();
        configuration.GetSection("District").Bind(options);
        return services
            .AddSingleton(options)
            .AddSingleton(DistrictAuditedMethods.Declaration)
            .AddSingleton(sp =>
            {
                var topology = sp.GetRequiredService<CityTopology>();
                return topology.FindDistrict(options.Code)
                    ?? throw new InvalidOperationException($"District:Code '{options.Code}' is not a district of the topology.");
            })
            .AddSingleton(_ => CityChannel.Open(options, configuration))
            .AddSingleton<CityClient>()
            .AddSingleton(sp => new DistrictIndex(sp.GetRequiredService<Database>(), options.Code))
            .AddSingleton(sp => new DistrictFeed(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()))
            .AddHostedService<CityEventFollower>()
            .AddSingleton<DistrictEventGrpcService>()
            .AddSingleton<CountGrpcService>()
            .AddSingleton<DistrictGatewayGrpcService>()
            .AddSingleton(sp => new UploadLog(sp.GetRequiredService<Database>()))
            .AddSingleton<RelaySignal>()
            .AddSingleton<UploadIntake>()
            .AddSingleton<ClinicUploadGrpcService>()
            .AddSingleton<CorrectionGatewayGrpcService>()
            .AddSingleton(sp => new DistrictTransfers(sp.GetRequiredService<Database>()))
            .AddSingleton<ClinicTransferGrpcService>()
            .AddSingleton(sp => new OffsiteNotices(sp.GetRequiredService<Database>()))
            .AddSingleton<ClinicInboxGrpcService>()
            .AddSingleton<ClinicOffsiteGrpcService>()
            .AddSingleton<ClinicRecordLifecycleGrpcService>()
            .AddSingleton<ClinicRecordTimelineGrpcService>()
            .AddSingleton<ClinicRecordAccessGrpcService>()
            .AddSingleton<HistoricImportRelayGrpcService>()
            .AddHostedService<CityRelay>()
            .AddSingleton(sp => IndexDigests.OfDistrict(sp.GetRequiredService<Database>()))
            .AddHostedService<CityDigestExchange>();
    }
}
