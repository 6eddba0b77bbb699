using HealthRecords.Contracts.Types.V1;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// Between rounds, with no call in flight, the federation's clock moves by a seeded amount: often
/// past the 7 days of pending transfers (R-TR-2: they expire, the owner stays), sometimes past the
/// 180 days of R-TR-5, sometimes past a year (R-ST-2 candidates). Overdue transfers get a few late
/// answers, which must be refused, and must then all be marked expired by the city.
/// </summary>
internal sealed class ClockSteps(Federation federation, IReadOnlyList<HistoryLane> lanes, HistoryClients clients, RetryingCaller caller, HistoryLog log, int seed)
{
    private static readonly TimeSpan ExpiryDeadline = TimeSpan.FromSeconds(90);
    private readonly Random _random = new(seed);
    private int _late;

    public DateTimeOffset Now => DateTimeOffset.UtcNow + federation.ClockOffset;

    public async Task StepAsync()
    {
        var roll = _random.Next(100);
        var days = roll < 50 ? 0 : roll < 72 ? 8 : roll < 82 ? _random.Next(1, 4) : roll < 94 ? _random.Next(20, 121) : _random.Next(366, 421);
        if (days == 0)
            return;
        federation.AdvanceClock(TimeSpan.FromDays(days));
        log.Steps.Add($"+{days}d");
        var now = Now;
        var overdue = lanes.SelectMany(l => l.Model.PendingTransfers.Where(t => t.DueAt < now).Select(t => (Lane: l, Transfer: t))).ToList();
        foreach (var (lane, transfer) in overdue)
        {
            if (_random.Next(100) >= 30)
                continue;
            var late = new AnswerTransferOp("late-answer", $"h{seed}-late-{_late++}", transfer, transfer.Answering, _random.Next(2) == 0, "逾期后才处理");
            var expected = OperationGenerator.Predict(lane.Model, late, Now);
            if (expected.Kind == ExpectedKind.Ambiguous)
                continue;
            await lane.ExecuteAsync(late, expected, laneOperation: false);
            log.LateAnswers++;
        }
        await AwaitExpiryAsync(overdue.Select(o => o.Transfer).Where(t => t.State == TransferState.Pending).ToList());
    }

    /// <summary>R-TR-2: the city's sweeper marks every overdue request expired; the record's owner does not change.</summary>
    private async Task AwaitExpiryAsync(List<ModelTransfer> waiting)
    {
        var deadline = DateTime.UtcNow + ExpiryDeadline;
        while (waiting.Count > 0)
        {
            foreach (var t in waiting.ToList())
            {
                var district = t.From[..6];
                var answer = await caller.CallAsync($"GetTransfer {t.Id}", o =>
                    clients.Of(district).GetTransferAsync(t.Id, HistoryClients.As(o, $"district:{district}")));
                if (!answer.Ok)
                {
                    log.Diverged($"GetTransfer {t} at district {district}: {answer}");
                    waiting.Remove(t);
                }
                else if (answer.Response!.State != TransferState.Pending)
                {
                    if (answer.Response.State != TransferState.Expired || answer.Response.FromInstitutionCode != t.Record.Owner)
                        log.Diverged($"overdue {t}: the city has {answer.Response.State}, owner {t.Record.Owner} expected to stay (R-TR-2)");
                    t.State = answer.Response.State;
                    if (t.Record.Pending == t)
                        t.Record.Pending = null;
                    log.Expired++;
                    waiting.Remove(t);
                }
            }
            if (waiting.Count == 0)
                return;
            if (DateTime.UtcNow > deadline)
            {
                log.Diverged($"{waiting.Count} overdue transfers still PENDING {ExpiryDeadline.TotalSeconds} s after the clock passed their deadline (R-TR-2), e.g. {waiting[0]}");
                return;
            }
            await Task.Delay(250);
        }
    }
}
