using System.Net;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>
/// One client call on one HTTP/2 stream: starts the request, owns cancellation and deadline,
/// and records the final status. Reading and writing messages are in the other parts.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IClientCall
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private const int CancelledByUser = 1;
    private const int CancelledByDispose = 2;

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly object _lock = new();
    private readonly DateTime _deadline;
    private CancellationTokenRegistration _userCancellation;
    private int _cancelReason;
    private Task<HttpResponseMessage> _sendTask = null!;
    private HttpResponseMessage? _response;
    private Task<Metadata>? _headersTask;
    // A reference, so readers outside the lock never see a half-written struct.
    private StrongBox<Status>? _status;
    private Metadata? _trailers;
    private Func<Metadata>? _trailerSource;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _deadline = options.Deadline is { } d ? (d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d) : DateTime.MaxValue;
    }

    private Status? FinalStatus => Volatile.Read(ref _status)?.Value;

    public Task<Metadata> ResponseHeadersAsync => _headersTask ??= ReadHeadersAsync();

    private int MaxReceiveMessageSize => _channel.Options.MaxReceiveMessageSize;

    /// <summary>Sends the request headers and starts <paramref name="content"/>; never blocks on the response.</summary>
    public void Start(HttpContent content)
    {
        if (_deadline != DateTime.MaxValue && _deadline <= DateTime.UtcNow)
        {
            _sendTask = Task.FromException<HttpResponseMessage>(Fail(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")));
            return;
        }
        var token = _options.CancellationToken;
        if (token.IsCancellationRequested)
        {
            _sendTask = Task.FromException<HttpResponseMessage>(Fail(new Status(StatusCode.Cancelled, "Call canceled by the client.")));
            return;
        }
        if (token.CanBeCanceled)
        {
            _userCancellation = token.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(CancelledByUser), this);
        }
        var request = CreateRequest(content);
        if (_deadline != DateTime.MaxValue)
        {
            var remaining = _deadline - DateTime.UtcNow;
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            if (remaining.TotalMilliseconds < int.MaxValue)
            {
                _cts.CancelAfter(remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
            }
        }
        _sendTask = SendAsync(request);
    }

    public Status GetStatus() =>
        FinalStatus ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers()
    {
        lock (_lock)
        {
            if (_status is null)
            {
                throw new InvalidOperationException("Can't get the call trailers because the call has not completed successfully.");
            }
            return _trailers ??= _trailerSource?.Invoke() ?? new Metadata();
        }
    }

    /// <summary>Cancels the call if it is still running (the HTTP/2 stream is reset, the server sees it).</summary>
    public void Dispose()
    {
        if (_status is null)
        {
            Cancel(CancelledByDispose);
            Fail(new Status(StatusCode.Cancelled, "Call canceled by the client."));
        }
        Cleanup();
    }

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        if (_options.Headers is { Count: > 0 } metadata)
        {
            MetadataHeaders.AppendTo(headers, metadata);
        }
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _cts.Token).ConfigureAwait(false);
            _response = response;
            if (FinalStatus is { } decided)
            {
                response.Dispose(); // cancelled or disposed while the headers were on their way
                throw new RpcException(decided);
            }
            return response;
        }
        catch (Exception ex)
        {
            OnSendFailed(ex);
            throw Fail(ex);
        }
    }

    private async Task<Metadata> ReadHeadersAsync()
    {
        var response = await _sendTask.ConfigureAwait(false);
        // A trailers-only response has no headers of its own: what it carries are trailers.
        return ClientStatus.HasStatus(response.Headers) ? new Metadata() : MetadataHeaders.FromResponse(response.Headers);
    }

    private void Cancel(int reason)
    {
        Interlocked.CompareExchange(ref _cancelReason, reason, 0);
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _response?.Dispose();
    }

    /// <summary>Records the final status (first one wins) and returns the exception that reports it.</summary>
    private RpcException Fail(Status status, Metadata? trailers = null, Google.Rpc.Status? richStatus = null, Exception? inner = null)
    {
        lock (_lock)
        {
            if (_status?.Value is { } recorded)
            {
                // Already decided (e.g. cancelled, then the transport failed as a consequence).
                return new RpcException(recorded, _trailers ?? new Metadata(), recorded == status ? richStatus : null, inner);
            }
            _status = new StrongBox<Status>(status);
            _trailers = trailers ?? new Metadata();
        }
        Cleanup();
        return new RpcException(status, _trailers, richStatus, inner);
    }

    private RpcException Fail(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return Fail(rpc.Status, rpc.Trailers, rpc.RichStatus, rpc.InnerException);
        }
        return Fail(StatusFor(exception), inner: exception);
    }

    /// <summary>Our own cancellation explains a failure better than the transport error it caused.</summary>
    private Status StatusFor(Exception exception) =>
        Volatile.Read(ref _cancelReason) != 0
            ? new Status(StatusCode.Cancelled, "Call canceled by the client.")
            : _cts.IsCancellationRequested && _deadline != DateTime.MaxValue
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : ClientStatus.FromException(exception);

    /// <summary>Success or a server-sent status: trailers are read lazily from <paramref name="trailerSource"/>.</summary>
    private void Complete(Status status, Func<Metadata> trailerSource)
    {
        lock (_lock)
        {
            if (_status is null)
            {
                _status = new StrongBox<Status>(status);
                _trailerSource = trailerSource;
            }
        }
        Cleanup();
    }

    private void Cleanup()
    {
        _userCancellation.Dispose();
        if (_deadline != DateTime.MaxValue)
        {
            try
            {
                _cts.CancelAfter(Timeout.Infinite); // stop the deadline timer early
            }
            catch (ObjectDisposedException)
            {
            }
        }
        CompleteRequestContent();
        _response?.Dispose();
    }
}
