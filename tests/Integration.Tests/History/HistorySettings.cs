using System.Globalization;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// The history's size and seed. CI runs the defaults (10,000 operations, the fixed seed); the
/// environment may shorten a local run (HR_HISTORY_OPS) or replay a failure (HR_HISTORY_SEED).
/// </summary>
internal sealed record HistorySettings(int Seed, int Operations, int Lanes, int Kills)
{
    public const int DefaultSeed = 20_261_121;

    public const int DefaultOperations = 10_000;

    public static HistorySettings FromEnvironment()
    {
        var operations = Read("HR_HISTORY_OPS", DefaultOperations);
        return new HistorySettings(
            Read("HR_HISTORY_SEED", DefaultSeed),
            operations,
            Read("HR_HISTORY_LANES", 4),
            Read("HR_HISTORY_KILLS", Math.Clamp(operations / 500, 3, 20)));
    }

    /// <summary>Operations per lane between two moves of the clock: about a hundred rounds in a full run.</summary>
    public int OperationsPerLanePerRound => Math.Clamp(Operations / (Lanes * 100), 3, 25);

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
