using System.Collections.Concurrent;
using System.Threading.Channels;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>
/// One district's open digest exchange: queries go out on the stream, answers are matched to their
/// query by id. When the stream ends every unanswered query fails with UNAVAILABLE.
/// </summary>
public sealed class DistrictDigestLink(string districtCode)
{
    private readonly Channel<DigestQuery> _outgoing = Channel.CreateUnbounded<DigestQuery>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DigestAnswer>> _pending = new();
    private volatile bool _closed;

    public string DistrictCode { get; } = districtCode;

    public ChannelReader<DigestQuery> Outgoing => _outgoing.Reader;

    public async Task<DigestAnswer> AskAsync(DigestQuery query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        query.QueryId = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<DigestAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[query.QueryId] = answer;
        try
        {
            if (_closed || !_outgoing.Writer.TryWrite(query))
                throw Unavailable("its digest exchange closed");
            var result = await answer.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return result.AnswerCase == DigestAnswer.AnswerOneofCase.Error
                ? throw new RpcException(new Status(StatusCode.Internal, $"District {DistrictCode} could not answer: {result.Error}"))
                : result;
        }
        catch (TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"District {DistrictCode} did not answer within {timeout.TotalSeconds:0} s."));
        }
        finally
        {
            _pending.TryRemove(query.QueryId, out _);
        }
    }

    public void Answered(DigestAnswer answer)
    {
        if (_pending.TryGetValue(answer.QueryId, out var waiting))
            waiting.TrySetResult(answer);
    }

    public void Close()
    {
        _closed = true;
        _outgoing.Writer.TryComplete();
        foreach (var waiting in _pending.Values)
            waiting.TrySetException(Unavailable("its digest exchange closed"));
    }

    private RpcException Unavailable(string why) => new(new Status(StatusCode.Unavailable, $"District {DistrictCode} is not reachable: {why}."));
}
