using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace HealthRecords.Rpc;

internal sealed partial class HttpServerCallContext
{
    private static readonly StringValues[] StatusCodeValues =
        Enumerable.Range(0, 17).Select(i => new StringValues(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    private SemaphoreSlim? _gate;
    private bool _finished;
    private bool _writing;
    private bool _messageWritten;

    public bool IsFinished => _finished;

    public override async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        await EnterGateAsync().ConfigureAwait(false);
        try
        {
            ThrowIfFinished();
            var response = _http.Response;
            if (response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }
            MetadataHeaders.AppendTo(response.Headers, headers);
            await response.StartAsync(_cancellationToken).ConfigureAwait(false);
            await response.BodyWriter.FlushAsync(_cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitGate();
        }
    }

    /// <summary>The single response of a unary or client-streaming call; Kestrel flushes it with the trailers.</summary>
    public async ValueTask WriteUnaryResponseAsync(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message, "response");
        if (!_finished && Status.StatusCode == StatusCode.OK)
        {
            await ObserveAnswerAsync(Status, null).ConfigureAwait(false);
        }
        await EnterGateAsync().ConfigureAwait(false);
        try
        {
            if (_finished || Status.StatusCode != StatusCode.OK)
            {
                return; // deadline already answered, or the handler chose a failure status
            }
            // No StartAsync: Kestrel then sends headers, message and trailers together when the call ends.
            GrpcFrame.Write(_http.Response.BodyWriter, message, _runtime.Options.MaxSendMessageSize);
            _messageWritten = true;
        }
        finally
        {
            ExitGate();
        }
    }

    /// <summary>One message of a response stream, flushed so the client sees it now.</summary>
    public async Task WriteStreamMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_writing)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }
        _writing = true;
        try
        {
            if (!_finished)
            {
                await ObserveAnswerAsync(Status, null).ConfigureAwait(false);
            }
            await EnterGateAsync().ConfigureAwait(false);
            try
            {
                ThrowIfFinished();
                var token = cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken;
                token.ThrowIfCancellationRequested();
                var response = _http.Response;
                if (!response.HasStarted)
                {
                    await response.StartAsync(token).ConfigureAwait(false);
                }
                GrpcFrame.Write(response.BodyWriter, message, _runtime.Options.MaxSendMessageSize);
                var flush = await response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
                if (flush.IsCanceled)
                {
                    throw new OperationCanceledException(token);
                }
            }
            finally
            {
                ExitGate();
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>Sends <paramref name="status"/> (trailers, or trailers-only if nothing was sent). Once per call.</summary>
    public async Task FinishAsync(Status status, Google.Rpc.Status? richStatus)
    {
        await EnterGateAsync().ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                return;
            }
            _finished = true;
            if (!_http.RequestAborted.IsCancellationRequested)
            {
                WriteStatus(status, richStatus);
            }
        }
        finally
        {
            ExitGate();
        }
    }

    private void WriteStatus(Status status, Google.Rpc.Status? richStatus)
    {
        var response = _http.Response;
        // Before anything was sent the status rides in the only HEADERS frame: "Trailers-Only".
        var target = response.HasStarted || _messageWritten
            ? _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                ?? throw new InvalidOperationException("The transport does not support trailers.")
            : response.Headers;
        var code = (int)status.StatusCode;
        target[GrpcProtocol.StatusHeader] = code is >= 0 and <= 16
            ? StatusCodeValues[code]
            : new StringValues(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target[GrpcProtocol.MessageHeader] = GrpcMessageText.Encode(status.Detail);
        }
        if (richStatus is not null)
        {
            target[GrpcProtocol.StatusDetailsHeader] = MetadataHeaders.EncodeBinary(richStatus.ToByteArray());
        }
        if (_responseTrailers is { Count: > 0 })
        {
            MetadataHeaders.AppendTo(target, _responseTrailers);
        }
    }

    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("Can't write because the call is already complete.");
        }
    }

    private Task EnterGateAsync() => _gate?.WaitAsync() ?? Task.CompletedTask;

    private void ExitGate() => _gate?.Release();
}
