using System.Collections.Concurrent;
using System.Text;

namespace HealthRecords.Integration.Tests.History;

/// <summary>What happened, for the summary, and every place the platform disagreed with the model.</summary>
internal sealed class HistoryLog
{
    private readonly ConcurrentDictionary<string, int> _byLabel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _byOutcome = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _divergences = new();
    private int _completed;

    public int Completed => Volatile.Read(ref _completed);

    public IReadOnlyCollection<string> Divergences => _divergences;

    public List<string> Steps { get; } = [];

    public int Expired { get; set; }

    public int LateAnswers { get; set; }

    public void Count(string label, string outcome, bool laneOperation)
    {
        _byLabel.AddOrUpdate(label, 1, (_, n) => n + 1);
        _byOutcome.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        if (laneOperation)
            Interlocked.Increment(ref _completed);
    }

    public void Diverged(string what) => _divergences.Enqueue(what);

    public string Summary(int seed, int operations, int lanes, IReadOnlyList<string> kills, int retried, TimeSpan clock, TimeSpan duration)
    {
        var text = new StringBuilder();
        text.AppendLine($"history seed {seed} (HR_HISTORY_SEED={seed} replays it), {operations} operations on {lanes} lanes, {duration.TotalSeconds:F0} s, {operations / Math.Max(1, duration.TotalSeconds):F0} ops/s");
        text.AppendLine($"clock advanced {clock.TotalDays:F0} days in {Steps.Count} steps; {Expired} transfers expired at the city, {LateAnswers} late answers");
        text.AppendLine($"kills: {kills.Count} ({string.Join("; ", kills)})");
        text.AppendLine($"operations repeated after a cut call: {retried}");
        text.AppendLine("operations by kind: " + string.Join(", ", _byLabel.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
        text.AppendLine("outcomes: " + string.Join(", ", _byOutcome.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
        text.AppendLine($"divergences from the model: {_divergences.Count}");
        return text.ToString();
    }
}
