using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// SIGKILLs the city or a district at seeded points of the history (a number of completed
/// operations), keeps it down for a seeded moment, and starts it again on its files. A call in
/// flight then has no definite outcome; <see cref="Epoch"/> lets the caller tell.
/// </summary>
internal sealed class Chaos(Federation federation, IReadOnlyList<(int AfterOps, string Victim, int DownMs)> schedule)
{
    private int _epoch;
    private int _down;

    /// <summary>Changes at every kill and restart: a call that saw it change may have been cut.</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    public bool AnyDown => Volatile.Read(ref _down) > 0;

    public List<string> Kills { get; } = [];

    /// <summary>Kill points spread over the run (5%..95% of it), each victim the city or a district.</summary>
    public static List<(int AfterOps, string Victim, int DownMs)> Schedule(Random random, int operations, int kills, IReadOnlyList<string> districts) =>
        Enumerable.Range(0, kills)
            .Select(_ => (AfterOps: operations / 20 + random.Next(Math.Max(1, operations * 9 / 10)),
                Victim: random.Next(10) < 3 ? "city" : districts[random.Next(districts.Count)], DownMs: random.Next(0, 1500)))
            .OrderBy(k => k.AfterOps).ToList();

    /// <summary>Runs the schedule while <paramref name="completed"/> grows; returns when every kill is done and all nodes serve again.</summary>
    public async Task RunAsync(Func<int> completed, Task history)
    {
        foreach (var (afterOps, victim, downMs) in schedule)
        {
            while (completed() < afterOps && !history.IsCompleted)
                await Task.Delay(20);
            if (history.IsCompleted)
                break; // the history failed or ended early: no more kills
            var node = victim == "city" ? federation.City : federation.Districts[victim];
            Interlocked.Increment(ref _down);
            Interlocked.Increment(ref _epoch);
            await node.KillAsync();
            Kills.Add($"{victim} after {completed()} ops, down {downMs} ms");
            await Task.Delay(downMs);
            await node.StartAsync();
            Interlocked.Increment(ref _epoch);
            Interlocked.Decrement(ref _down);
        }
    }
}
