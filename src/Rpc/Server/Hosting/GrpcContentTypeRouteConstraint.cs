using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HealthRecords.Rpc;

/// <summary>Lets the UNIMPLEMENTED fallback route match gRPC requests only, leaving other endpoints alone.</summary>
internal sealed class GrpcContentTypeRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        routeDirection == RouteDirection.IncomingRequest
        && httpContext is not null
        && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
