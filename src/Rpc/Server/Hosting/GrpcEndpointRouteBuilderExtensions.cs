using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HealthRecords.Rpc;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <typeparamref name="T"/>'s descriptor to "/package.Service/Method".
    /// The instance is resolved once (DI, else ActivatorUtilities); methods it does not bind
    /// answer UNIMPLEMENTED. The service is reported SERVING by the health service.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcService<T>(this IEndpointRouteBuilder app) where T : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.ServiceProvider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        var runtime = registry.Runtime;
        var service = ActivatorUtilities.GetServiceOrCreateInstance<T>(app.ServiceProvider);
        var descriptor = service.Descriptor;
        var binder = new ServiceBinder(descriptor, runtime);
        service.Bind(binder);
        registry.Add(descriptor);

        foreach (var method in descriptor.Methods)
        {
            var path = MethodResolver.PathOf(method);
            RequestDelegate handler = binder.Handlers.TryGetValue(method.Name, out var bound)
                ? bound.HandleAsync
                : UnimplementedCallHandler.Create(runtime, _ => $"Method {path} is not implemented.");
            app.MapPost(path, handler).WithDisplayName("gRPC " + path);
        }
        MapFallbackOnce(app, registry);
        app.ServiceProvider.GetRequiredService<HealthStatusRegistry>()
            .SetStatus(descriptor.FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        return app;
    }

    /// <summary>grpc.health.v1.Health (Check and Watch), answering from <see cref="HealthStatusRegistry"/>.</summary>
    public static IEndpointRouteBuilder MapGrpcHealth(this IEndpointRouteBuilder app) => app.MapGrpcService<HealthService>();

    /// <summary>Server reflection, both grpc.reflection.v1 and v1alpha, over every mapped service.</summary>
    public static IEndpointRouteBuilder MapGrpcReflection(this IEndpointRouteBuilder app) =>
        app.MapGrpcService<ReflectionServiceV1>().MapGrpcService<ReflectionServiceV1Alpha>();

    // Unknown "/x/y" gRPC paths get UNIMPLEMENTED rather than HTTP 404, as the spec asks.
    private static void MapFallbackOnce(IEndpointRouteBuilder app, GrpcServiceRegistry registry)
    {
        if (registry.FallbackMapped)
        {
            return;
        }
        registry.FallbackMapped = true;
        var pattern = RoutePatternFactory.Parse(
            "{unimplementedService}/{unimplementedMethod}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["unimplementedMethod"] = new GrpcContentTypeRouteConstraint() });
        app.Map(pattern, UnimplementedCallHandler.Create(registry.Runtime, http => $"Method {http.Request.Path} is not implemented."))
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .WithDisplayName("gRPC unimplemented method");
    }
}
