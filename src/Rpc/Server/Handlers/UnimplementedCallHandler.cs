using Microsoft.AspNetCore.Http;

namespace HealthRecords.Rpc;

/// <summary>Answers UNIMPLEMENTED (trailers-only, HTTP 200) for unknown paths and unbound methods.</summary>
internal static class UnimplementedCallHandler
{
    public static RequestDelegate Create(GrpcServerRuntime runtime, Func<HttpContext, string> detail) => async http =>
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        var call = new HttpServerCallContext(http, http.Request.Path.Value ?? "", runtime);
        try
        {
            call.Initialize(streamingRequest: false);
            await call.FinishAsync(new Status(StatusCode.Unimplemented, detail(http)), null);
        }
        finally
        {
            call.Dispose();
        }
    };
}
