using System.IO.Pipelines;

namespace HealthRecords.Rpc;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private PipeReader? _reader;
    private TResponse? _current;
    private bool _reading;

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message; call MoveNext first.");

    /// <summary>Unary and client-streaming calls: exactly one message and an OK status, or an RpcException.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        try
        {
            var response = await _sendTask.ConfigureAwait(false);
            if (ClientStatus.FromResponseHeaders(response) is var (headerStatus, headerRich))
            {
                throw FailWithServerStatus(headerStatus, headerRich, response.Headers);
            }
            var body = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            var encoding = ClientStatus.GetHeader(response.Headers, GrpcProtocol.EncodingHeader);
            var message = await UnaryResponseReader.ReadAsync(
                body, Method<TRequest, TResponse>.ResponseParser, MaxReceiveMessageSize, encoding, _cts.Token).ConfigureAwait(false);
            var trailers = response.TrailingHeaders;
            var (status, rich) = ClientStatus.Read(trailers);
            if (status.StatusCode == StatusCode.OK && message is null)
            {
                throw Fail(new Status(StatusCode.Internal, "The server returned OK without a response message."));
            }
            if (status.StatusCode != StatusCode.OK)
            {
                throw FailWithServerStatus(status, rich, trailers);
            }
            Complete(status, () => MetadataHeaders.FromResponse(trailers));
            return message!;
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    /// <summary>Server-streaming and duplex calls: the next message, false at an OK end, RpcException otherwise.</summary>
    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (_reading)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }
        _reading = true;
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(CancelledByUser), this)
            : default;
        try
        {
            if (FinalStatus is { } known)
            {
                return EndOfStream(known);
            }
            var reader = _reader;
            if (reader is null)
            {
                reader = _reader = await OpenResponseAsync().ConfigureAwait(false);
                if (reader is null)
                {
                    return EndOfStream(GetStatus());
                }
            }
            return await ReadNextAsync(reader).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _reader?.Complete();
            throw Fail(ex);
        }
        finally
        {
            _reading = false;
        }
    }

    private bool EndOfStream(Status status) =>
        status.StatusCode == StatusCode.OK ? false : throw new RpcException(status, GetTrailers());

    /// <summary>Waits for the response headers; null when they already carry the final status.</summary>
    private async Task<PipeReader?> OpenResponseAsync()
    {
        var response = await _sendTask.ConfigureAwait(false);
        if (ClientStatus.FromResponseHeaders(response) is var (status, rich))
        {
            if (status.StatusCode != StatusCode.OK)
            {
                throw FailWithServerStatus(status, rich, response.Headers);
            }
            Complete(status, () => MetadataHeaders.FromResponse(response.Headers));
            return null;
        }
        _responseEncoding = ClientStatus.GetHeader(response.Headers, GrpcProtocol.EncodingHeader);
        var body = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
        return PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
    }

    private string? _responseEncoding;

    private async Task<bool> ReadNextAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = false;
            var ended = false;
            try
            {
                if (GrpcFrame.TryRead(ref buffer, MaxReceiveMessageSize, out var compressed, out var payload))
                {
                    var data = MessageCompression.Decode(compressed, payload, _responseEncoding, MaxReceiveMessageSize, isServer: false);
                    _current = GrpcFrame.Parse(Method<TRequest, TResponse>.ResponseParser, data, "response");
                    consumed = true;
                    return true;
                }
                if (result.IsCompleted)
                {
                    ended = buffer.IsEmpty ? true : throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }
            }
            finally
            {
                if (consumed)
                {
                    reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
            if (ended)
            {
                reader.Complete();
                return FinishStream();
            }
        }
    }

    /// <summary>The body ended: the status is in the trailers, which HttpClient has now.</summary>
    private bool FinishStream()
    {
        var trailers = _response!.TrailingHeaders;
        var (status, rich) = ClientStatus.Read(trailers);
        if (status.StatusCode != StatusCode.OK)
        {
            throw FailWithServerStatus(status, rich, trailers);
        }
        Complete(status, () => MetadataHeaders.FromResponse(trailers));
        return false;
    }

    private RpcException FailWithServerStatus(Status status, Google.Rpc.Status? rich, System.Net.Http.Headers.HttpHeaders trailers) =>
        Fail(status, MetadataHeaders.FromResponse(trailers), rich);
}
