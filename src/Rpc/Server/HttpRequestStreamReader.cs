using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>Request stream of a client-streaming or duplex call.</summary>
internal sealed class HttpRequestStreamReader<T> : IAsyncStreamReader<T> where T : class, IMessage<T>
{
    private readonly HttpServerCallContext _call;
    private readonly MessageParser<T> _parser;
    private T? _current;
    private bool _reading;

    public HttpRequestStreamReader(HttpServerCallContext call, MessageParser<T> parser)
    {
        _call = call;
        _parser = parser;
    }

    public T Current => _current ?? throw new InvalidOperationException("No current message; call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_reading)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }
        _reading = true;
        try
        {
            _current = await _call.ReadStreamMessageAsync(_parser, cancellationToken).ConfigureAwait(false);
            return _current is not null;
        }
        finally
        {
            _reading = false;
        }
    }
}
