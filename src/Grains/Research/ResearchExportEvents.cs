namespace HealthRecords.Grains.Research;

/// <summary>What happened to a research export (R-AC-4), in the order it happened.</summary>
public abstract record ResearchExportEvent(DateTimeOffset At);

public sealed record ResearchExportRequested(
    string ExportId, string RequestId, string RequestedBy, string Purpose, ResearchUse Use, ResearchExportScope Scope, DateTimeOffset At)
    : ResearchExportEvent(At);

public sealed record ResearchExportApproved(string DecidedBy, string Reason, DateTimeOffset At) : ResearchExportEvent(At);

public sealed record ResearchExportRefused(string DecidedBy, string Reason, DateTimeOffset At) : ResearchExportEvent(At);

/// <summary>The de-identified rows were made, in the approval's transaction: how many, how many records left out, under which group size.</summary>
public sealed record ResearchExportSnapshotTaken(long RowCount, long SuppressedCount, int MinimumGroupSize, DateTimeOffset At) : ResearchExportEvent(At);
