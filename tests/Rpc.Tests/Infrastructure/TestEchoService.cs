using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

/// <summary>The server side of echo.proto used by the tests; "Unbound" is deliberately left out.</summary>
public sealed class TestEchoService : IGrpcService
{
    public static readonly ServiceDescriptor ServiceDescriptor = EchoReflection.Descriptor.Services.Single(s => s.Name == "EchoService");

    public static readonly byte[] TrailerBytes = [0, 1, 2, 254, 255];

    /// <summary>What the Wait/Expand handlers saw when their call ended, keyed by request text.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource<WaitOutcome>> Outcomes { get; } = new();

    public ServiceDescriptor Descriptor => ServiceDescriptor;

    public void Bind(ServiceBinder binder) => binder
        .Unary<EchoRequest, EchoResponse>("Echo", EchoAsync)
        .ServerStreaming<EchoRequest, EchoResponse>("Expand", ExpandAsync)
        .ClientStreaming<EchoRequest, EchoResponse>("Collect", CollectAsync)
        .DuplexStreaming<EchoRequest, EchoResponse>("Chat", ChatAsync)
        .Unary<FailRequest, EchoResponse>("Fail", FailAsync)
        .Unary<EchoRequest, EchoResponse>("Wait", WaitAsync);

    public TaskCompletionSource<WaitOutcome> OutcomeFor(string key) =>
        Outcomes.GetOrAdd(key, _ => new TaskCompletionSource<WaitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static async Task<EchoResponse> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        var headers = new Metadata();
        if (context.RequestHeaders.GetValue("x-text") is { } text)
        {
            headers.Add("x-echo-text", text);
        }
        if (context.RequestHeaders.GetValueBytes("x-data-bin") is { } data)
        {
            headers.Add("x-echo-data-bin", data);
        }
        if (headers.Count > 0)
        {
            await context.WriteResponseHeadersAsync(headers);
        }
        context.ResponseTrailers.Add("x-trailer", "done");
        context.ResponseTrailers.Add("x-trailer-bin", TrailerBytes);

        var response = new EchoResponse { Text = request.Text, Payload = request.Payload };
        foreach (var entry in context.RequestHeaders)
        {
            response.SeenHeaders.Add(entry.IsBinary ? $"{entry.Key}={Convert.ToHexString(entry.ValueBytes!)}" : $"{entry.Key}={entry.Value}");
        }
        if (context.UserState.TryGetValue("caller", out var caller))
        {
            response.SeenHeaders.Add($"userstate:caller={caller}");
        }
        if (context.ClientCertificate is { } certificate)
        {
            response.SeenHeaders.Add($"client-cert={certificate.Subject}");
        }
        response.SeenHeaders.Add($"method={context.Method}");
        response.SeenHeaders.Add($"peer={context.Peer}");
        response.SeenHeaders.Add($"deadline={(context.Deadline == DateTime.MaxValue ? "none" : "set")}");
        return response;
    }

    private async Task ExpandAsync(EchoRequest request, IServerStreamWriter<EchoResponse> stream, ServerCallContext context)
    {
        if (request.Count < 0)
        {
            // Stream until the client goes away; record what the server saw.
            var outcome = OutcomeFor(request.Text);
            try
            {
                for (var i = 0; ; i++)
                {
                    await stream.WriteAsync(new EchoResponse { Text = request.Text, Index = i });
                    await Task.Delay(20, context.CancellationToken);
                }
            }
            catch (Exception ex)
            {
                outcome.TrySetResult(new WaitOutcome(context.CancellationToken.IsCancellationRequested, ex.GetType().Name));
                throw;
            }
        }
        for (var i = 0; i < request.Count; i++)
        {
            await stream.WriteAsync(new EchoResponse { Text = $"{request.Text}{i}", Index = i, Payload = request.Payload });
        }
    }

    private static async Task<EchoResponse> CollectAsync(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            if (request.Text == "fail")
            {
                throw RpcErrors.InvalidArgument("collect refused", ("text", "must not be 'fail'"));
            }
            texts.Add(request.Text);
        }
        return new EchoResponse { Text = string.Join(",", texts), Received = texts.Count };
    }

    private static async Task ChatAsync(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        var index = 0;
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = requests.Current;
            if (request.Text == "fail")
            {
                throw RpcErrors.WithErrorInfo(StatusCode.Aborted, "chat aborted", "CHAT_FAILED", "testing.healthrecords");
            }
            await responses.WriteAsync(new EchoResponse { Text = request.Text.ToUpperInvariant(), Index = index++ });
        }
    }

    private static Task<EchoResponse> FailAsync(FailRequest request, ServerCallContext context)
    {
        switch (request.Kind)
        {
            case "bad_request":
                throw RpcErrors.InvalidArgument(request.Message, ("name", "must not be empty"), ("birth_date", "is in the future"));
            case "precondition":
                throw RpcErrors.FailedPrecondition(request.Message, "RECORD_STATE", "records/42", "the record is archived");
            case "error_info":
                throw RpcErrors.WithErrorInfo(
                    StatusCode.AlreadyExists, request.Message, "DUPLICATE_IDENTITY", "city.healthrecords",
                    new Dictionary<string, string> { ["existing_record"] = "rec-1" },
                    new LocalizedMessage { Locale = "zh-CN", Message = "记录已存在" });
            case "plain":
                var trailers = new Metadata { { "x-reason", "plain" }, { "x-reason-bin", TrailerBytes } };
                throw new RpcException(new Status(StatusCode.NotFound, request.Message), trailers);
            case "crash":
                throw new InvalidOperationException("secret internal detail");
            case "status":
                context.Status = new Status(StatusCode.PermissionDenied, request.Message);
                return Task.FromResult(new EchoResponse { Text = "must not be sent" });
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"unknown kind '{request.Kind}'"));
        }
    }

    private async Task<EchoResponse> WaitAsync(EchoRequest request, ServerCallContext context)
    {
        var outcome = OutcomeFor(request.Text);
        if (request.IgnoreCancellation)
        {
            await Task.Delay(request.DelayMs);
            outcome.TrySetResult(new WaitOutcome(context.CancellationToken.IsCancellationRequested, "ignored"));
            return new EchoResponse { Text = request.Text };
        }
        try
        {
            await Task.Delay(request.DelayMs > 0 ? request.DelayMs : Timeout.Infinite, context.CancellationToken);
            outcome.TrySetResult(new WaitOutcome(false, "completed"));
            return new EchoResponse { Text = request.Text };
        }
        catch (Exception ex)
        {
            outcome.TrySetResult(new WaitOutcome(context.CancellationToken.IsCancellationRequested, ex.GetType().Name,
                context.Deadline != DateTime.MaxValue && DateTime.UtcNow >= context.Deadline.AddMilliseconds(-50)));
            throw;
        }
    }
}

public sealed record WaitOutcome(bool TokenCancelled, string Ending, bool DeadlinePassed = false);

/// <summary>Typed handles on the echo methods, as a node's typed client would hold them.</summary>
public static class EchoMethods
{
    public static readonly Method<EchoRequest, EchoResponse> Echo = Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Echo");
    public static readonly Method<EchoRequest, EchoResponse> Expand = Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Expand");
    public static readonly Method<EchoRequest, EchoResponse> Collect = Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Collect");
    public static readonly Method<EchoRequest, EchoResponse> Chat = Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Chat");
    public static readonly Method<FailRequest, EchoResponse> Fail = Method<FailRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Fail");
    public static readonly Method<EchoRequest, EchoResponse> Wait = Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Wait");
    public static readonly Method<EchoRequest, EchoResponse> Unbound = Method<EchoRequest, EchoResponse>.Create(TestEchoService.ServiceDescriptor, "Unbound");
}
