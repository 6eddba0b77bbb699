using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;

namespace HealthRecords.Rpc;

/// <summary>
/// The request delegate of one bound method: protocol checks, deadline, interceptors, the
/// handler, and the final status. Subclasses only differ in how messages flow.
/// </summary>
internal abstract class ServerCallHandler
{
    private readonly GrpcServerRuntime _runtime;
    private readonly bool _streamingRequest;

    protected ServerCallHandler(MethodDescriptor method, GrpcServerRuntime runtime)
    {
        Method = method;
        Path = MethodResolver.PathOf(method);
        _runtime = runtime;
        _streamingRequest = method.IsClientStreaming;
    }

    public MethodDescriptor Method { get; }

    public string Path { get; }

    public async Task HandleAsync(HttpContext http)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        var call = new HttpServerCallContext(http, Path, _runtime) { Descriptor = Method };
        try
        {
            call.Initialize(_streamingRequest);
            if (!HttpProtocol.IsHttp2(http.Request.Protocol) && !HttpProtocol.IsHttp3(http.Request.Protocol))
            {
                await call.FinishAsync(new Status(StatusCode.Internal, $"Request protocol '{http.Request.Protocol}' is not supported."), null);
                return;
            }
            var run = RunAsync(call);
            if (call.DeadlineTask is { } deadline && !run.IsCompleted && await Task.WhenAny(run, deadline) != run)
            {
                await call.DeadlineExceededAsync();
            }
            try
            {
                await run;
            }
            catch (Exception ex)
            {
                await call.FailAsync(ex);
            }
        }
        catch (Exception ex)
        {
            // The stream is gone (reset, connection lost); nothing more can be sent.
            ServerLog.StatusWriteFailed(_runtime.Logger, Path, ex);
        }
        finally
        {
            call.Dispose();
        }
    }

    private async Task RunAsync(HttpServerCallContext call)
    {
        foreach (var interceptor in _runtime.Interceptors)
        {
            await interceptor.OnCallAsync(call, Method);
        }
        await InvokeAsync(call);
        await call.ObserveAnswerAsync(call.Status, null);
        await call.FinishAsync(call.Status, null);
    }

    protected abstract Task InvokeAsync(HttpServerCallContext call);
}
