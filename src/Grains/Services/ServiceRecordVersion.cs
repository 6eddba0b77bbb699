namespace HealthRecords.Grains.Services;

/// <summary>
/// One version of a service record (R-RC-3): version 1 is the upload; each approved correction adds
/// the next version, valid from its approval time, and the older versions stay readable as they were.
/// <paramref name="CorrectionId"/> and <paramref name="ApprovedBy"/> are null for version 1.
/// </summary>
public sealed record ServiceRecordVersion(int Version, ServiceRecord Record, DateTimeOffset ValidFrom, string? CorrectionId, string? ApprovedBy)
{
    /// <summary>Version 1: the record as uploaded, valid from its receipt.</summary>
    public static ServiceRecordVersion First(ServiceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ServiceRecordVersion(1, record, record.ReceivedAt, null, null);
    }
}
