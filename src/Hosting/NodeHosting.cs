using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage;
using HealthRecords.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthRecords.Hosting;

/// <summary>What every node sets up the same way: gRPC on Kestrel, topology, policy, clock, storage.</summary>
public static class NodeHosting
{
    public static WebApplicationBuilder AddNodeDefaults<TInterceptor>(this WebApplicationBuilder builder, string sqliteFileName)
        where TInterceptor : class, IServerCallInterceptor
    {
        var configuration = builder.Configuration;
        NodeTransport.Require(configuration);
        builder.WebHost.UseGrpcKestrel(configuration.GetSection("Grpc"));
        builder.Services.AddGrpcServer(options =>
        {
            options.Interceptors.Add(typeof(TInterceptor));
            options.Interceptors.Add(typeof(UserTokenInterceptor)); // after the caller is identified
            options.Observers.Add(typeof(AccessAuditObserver)); // R-AC-5: each node declares its AuditedMethods
            options.ExceptionMappers.Add(DomainErrors.Map);
        });
        builder.Services.AddSingleton<TInterceptor>();
        builder.Services.AddSingleton(TokenKey.From(configuration)); // fails at start, not at the first call
        builder.Services.AddSingleton<UserTokenInterceptor>();
        // Tests of real processes move every node's clock together (7 days, 180 days, a year).
        builder.Services.AddSingleton(configuration["Clock:OffsetFile"] is { Length: > 0 } offsetFile
            ? new OffsetFileClock(offsetFile)
            : TimeProvider.System);
        builder.Services.AddSingleton(_ => CityTopology.Load(
            configuration["Topology:Path"] ?? throw new InvalidOperationException("Topology:Path is not configured.")));
        builder.Services.AddSingleton(_ => PolicyProfiles.Get(configuration["Policy:Profile"] ?? PolicyProfiles.Default.Name));
        builder.Services.AddSingleton<IHolidayCalendar>(_ => configuration["Policy:HolidayCalendarPath"] is { Length: > 0 } holidays
            ? HolidayCalendarFile.Load(holidays)
            : HolidayCalendar.None);
        var storage = StorageOf(configuration, sqliteFileName);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(_ => DatabaseFactory.Create(storage));
        builder.Services.AddSingleton<AccessAuditLog>();
        builder.Services.AddSingleton<AccessAuditObserver>();
        return builder;
    }

    /// <summary>The node's Storage settings; the node's own file name unless configured otherwise.</summary>
    public static StorageOptions StorageOf(IConfiguration configuration, string sqliteFileName)
    {
        var storage = new StorageOptions { SqliteFileName = sqliteFileName };
        configuration.GetSection("Storage").Bind(storage);
        return storage;
    }

    /// <summary>Creates or migrates the node's schema before it serves anything.</summary>
    public static async Task MigrateAsync(this WebApplication app, string schemaName, IReadOnlyList<Migration> migrations)
    {
        var database = app.Services.GetRequiredService<Database>();
        await SchemaMigrator.MigrateAsync(database, schemaName, migrations).ConfigureAwait(false);
        await app.Services.GetRequiredService<AccessAuditLog>().ChainLegacyEntriesAsync(CancellationToken.None).ConfigureAwait(false);
        app.Logger.LogStorage(database.Description);
    }
}
