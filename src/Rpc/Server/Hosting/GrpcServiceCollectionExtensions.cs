using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthRecords.Rpc;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the gRPC server: options, the health status registry, and routing.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<GrpcServiceRegistry>();
        return services;
    }
}
