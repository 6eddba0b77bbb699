using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// One lane: draws its operations, sends each until the answer is definite, compares the answer with
/// the model's prediction and only then changes the model. A disagreement is recorded, and a
/// success the model did not expect is still applied, so the rest of the history stays comparable.
/// </summary>
internal sealed class HistoryLane(LaneModel model, OperationGenerator generator, HistoryExecutor executor, HistoryLog log, Func<DateTimeOffset> now)
{
    public LaneModel Model { get; } = model;

    public async Task RunAsync(int operations)
    {
        for (var i = 0; i < operations; i++)
        {
            var (op, expected) = generator.Next(now());
            await ExecuteAsync(op, expected, laneOperation: true);
        }
    }

    public async Task ExecuteAsync(HistoryOp op, Expected expected, bool laneOperation)
    {
        var before = op.ToString();
        var actual = await executor.RunAsync(op);
        log.Count(op.Label, actual.Ok ? "OK" : $"{actual.Refusal!.StatusCode}{(actual.Rule.Length > 0 ? " " + actual.Rule : "")}", laneOperation);
        var matches = expected.Kind == ExpectedKind.Ok
            ? actual.Ok
            : !actual.Ok && actual.Refusal!.StatusCode == expected.Code && (expected.Rule.Length == 0 || actual.Rule == expected.Rule);
        if (!matches)
            log.Diverged($"{before}: the model expects {expected}, the platform answered {actual}{(actual.Retries > 0 ? $" after {actual.Retries} repeats" : "")}");
        if (actual.Ok)
        {
            foreach (var problem in ModelUpdates.Apply(Model, op, actual.Response!))
                log.Diverged($"{before}: {problem}");
        }
        else if (matches && op is EnrollOp e && actual.Refusal!.GetDetail<ExistingEnrollment>()?.Entry?.RecordNumber is var existing
            && existing != Model.FindByCitizenId(e.CitizenId)?.Number)
        {
            log.Diverged($"{before}: ALREADY_EXISTS names record {existing}, the model has {Model.FindByCitizenId(e.CitizenId)?.Number} (R-ID-5)");
        }
    }
}
