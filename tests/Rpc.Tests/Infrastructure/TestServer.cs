using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthRecords.Rpc.Tests;

/// <summary>A real Kestrel on 127.0.0.1 with an OS-chosen port, configured the way the nodes do it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, string address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    /// <summary>"http://127.0.0.1:port" (or https).</summary>
    public string Address { get; }

    public int Port => new Uri(Address).Port;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<TestServer> StartAsync(
        Dictionary<string, string?>? grpcConfig = null,
        Action<GrpcServerOptions>? options = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var config = new Dictionary<string, string?> { ["Grpc:Listen"] = "127.0.0.1:0" };
        foreach (var (key, value) in grpcConfig ?? [])
        {
            config["Grpc:" + key] = value;
        }
        builder.Configuration.AddInMemoryCollection(config);
        builder.UseGrpcKestrel(builder.Configuration.GetSection("Grpc"));
        builder.Services.AddGrpcServer(o =>
        {
            o.AddInterceptor<CallerInterceptor>();
            options?.Invoke(o);
        });
        builder.Services.AddSingleton<TestEchoService>();
        builder.Services.AddSingleton<CallerInterceptor>();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (map is null)
        {
            app.MapGrpcService<TestEchoService>();
            app.MapGrpcHealth();
            app.MapGrpcReflection();
        }
        else
        {
            map(app);
        }
        await app.StartAsync();
        return new TestServer(app, app.GetGrpcListenAddresses().Single());
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}

/// <summary>One shared server (echo + health + reflection) and channel per test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public TestEchoService Echo => Server.Get<TestEchoService>();

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Channel = GrpcChannel.ForAddress(Server.Address);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
