namespace HealthRecords.Grains.Research;

public enum ResearchExportState
{
    Requested = 1,
    Approved = 2,
    Refused = 3,
}

/// <summary>A research export request and its decision (R-AC-4); the counts are known once approved.</summary>
public sealed record ResearchExport(
    string ExportId,
    string RequestId,
    string RequestedBy,
    string Purpose,
    ResearchUse Use,
    ResearchExportScope Scope,
    ResearchExportState State,
    DateTimeOffset RequestedAt,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionReason = null,
    long RowCount = 0,
    long SuppressedCount = 0,
    int MinimumGroupSize = 0)
{
    public static ResearchExport From(ResearchExportRequested e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.ExportId, e.RequestId, e.RequestedBy, e.Purpose, e.Use, e.Scope, ResearchExportState.Requested, e.At);
    }

    public ResearchExport Apply(ResearchExportEvent e) => e switch
    {
        ResearchExportApproved a => this with { State = ResearchExportState.Approved, DecidedBy = a.DecidedBy, DecidedAt = a.At, DecisionReason = a.Reason },
        ResearchExportRefused r => this with { State = ResearchExportState.Refused, DecidedBy = r.DecidedBy, DecidedAt = r.At, DecisionReason = r.Reason },
        ResearchExportSnapshotTaken s => this with { RowCount = s.RowCount, SuppressedCount = s.SuppressedCount, MinimumGroupSize = s.MinimumGroupSize },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Not an event of a requested export."),
    };
}
