using HealthRecords.Grains.Services;

namespace HealthRecords.Storage.City;

/// <summary>
/// A correction request as the city keeps it (R-RC-3), with its decision once made: who decided,
/// when, and for a rejection why.
/// </summary>
public sealed record StoredCorrection(
    CorrectionRequest Request,
    string RecordNumber,
    CorrectionState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason);

/// <summary>A service record's current version and its number: 1 until a correction is approved.</summary>
public sealed record CurrentServiceRecord(ServiceRecord Record, int Version);
