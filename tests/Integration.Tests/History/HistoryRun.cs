using System.Diagnostics;
using HealthRecords.Grains.Topology;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// The whole history on a running federation: lanes of seeded operations in rounds, the clock moved
/// between rounds, nodes killed and restarted meanwhile, then the quiet comparison with the model.
/// </summary>
internal sealed class HistoryRun(Federation federation, HistorySettings settings)
{
    public async Task<(string Summary, List<string> Problems)> RunAsync()
    {
        var watch = Stopwatch.StartNew();
        var clinics = CityTopology.Load(RepoPaths.Topology).Districts.SelectMany(d => d.Institutions).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var chaos = new Chaos(federation, Chaos.Schedule(new Random(settings.Seed ^ 0x5EED), settings.Operations, settings.Kills,
            federation.Districts.Keys.Order(StringComparer.Ordinal).ToList()));
        var caller = new RetryingCaller(chaos, TimeSpan.FromSeconds(180));
        using var clients = new HistoryClients(federation);
        var log = new HistoryLog();
        var executor = new HistoryExecutor(clients, caller);
        var models = Enumerable.Range(0, settings.Lanes).Select(l => new LaneModel(l)).ToList();
        ClockSteps? steps = null;
        var lanes = models.Select(m => new HistoryLane(m, new OperationGenerator(settings.Seed, m, clinics), executor, log, () => steps!.Now)).ToList();
        steps = new ClockSteps(federation, lanes, clients, caller, log, settings.Seed);

        var history = RunRoundsAsync(lanes, steps);
        var kills = chaos.RunAsync(() => log.Completed, history);
        await history;
        await kills;
        var historyTime = watch.Elapsed;
        var problems = log.Divergences.ToList();
        problems.AddRange(await new HistoryVerifier(clients, caller, models).VerifyAsync());
        var summary = log.Summary(settings.Seed, log.Completed, settings.Lanes, chaos.Kills, caller.RetriedOperations, federation.ClockOffset, historyTime)
            + $"of which clock steps and expiry {StepTime.TotalSeconds:F0} s; quiet check {(watch.Elapsed - historyTime).TotalSeconds:F0} s; records {models.Sum(m => m.Records.Count)}, transfers {models.Sum(m => m.Records.Sum(r => r.Transfers.Count))}; clock steps {string.Join(" ", log.Steps)}";
        return (summary, problems);
    }

    /// <summary>Time spent moving the clock and waiting for the expiry of overdue transfers.</summary>
    public TimeSpan StepTime { get; private set; }

    /// <summary>Each lane does its share of the operations, a round at a time; the clock moves only between rounds.</summary>
    private async Task RunRoundsAsync(List<HistoryLane> lanes, ClockSteps steps)
    {
        var remaining = lanes.Select((_, l) => settings.Operations / lanes.Count + (l < settings.Operations % lanes.Count ? 1 : 0)).ToArray();
        while (remaining.Any(n => n > 0))
        {
            var round = remaining.Select(n => Math.Min(n, settings.OperationsPerLanePerRound)).ToArray();
            await Task.WhenAll(lanes.Select((lane, l) => Task.Run(() => lane.RunAsync(round[l]))));
            for (var l = 0; l < lanes.Count; l++)
                remaining[l] -= round[l];
            if (remaining.Any(n => n > 0))
            {
                var started = Stopwatch.GetTimestamp();
                await steps.StepAsync();
                StepTime += Stopwatch.GetElapsedTime(started);
            }
        }
    }
}
