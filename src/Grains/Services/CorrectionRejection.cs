namespace HealthRecords.Grains.Services;

/// <summary>R-RC-3: a correction the designated administrator refused, and why; the record is unchanged.</summary>
public sealed record CorrectionRejection(string CorrectionId, string RejectedBy, string Reason, DateTimeOffset At);
