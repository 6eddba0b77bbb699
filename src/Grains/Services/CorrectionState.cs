namespace HealthRecords.Grains.Services;

/// <summary>R-RC-3: a correction request waits for the designated administrator's decision.</summary>
public enum CorrectionState
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}
