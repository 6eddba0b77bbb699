namespace HealthRecords.Grains.Records;

/// <summary>R-ST-1: everything but Active is archived (no updates, not counted as managed).</summary>
public enum RecordStatus
{
    Active = 1,
    LostToFollowUp = 2,
    Deceased = 3,
    MovedOut = 4,
    Merged = 5,
}

public static class RecordStatusExtensions
{
    // R-ST-1, R-CN-1: only active records are managed (在管).
    public static bool IsArchived(this RecordStatus status) => status != RecordStatus.Active;
}
