using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Quality;

/// <summary>
/// R-CN-4: every data-quality finding for one record and its services. Late uploads reuse the R-RC-4
/// flag the city set when it accepted each service (<see cref="ServiceRecord.Late"/>, decided by
/// <see cref="ServiceRecordRules"/> with the policy's entry deadline), so the deadline is applied once.
/// A merged-away record is retired (R-MG-3): nothing about it is reported.
/// </summary>
public static class RecordQualityChecks
{
    public static IReadOnlyList<QualityFinding> Check(RecordState record, IReadOnlyList<ServiceRecord> services, DateOnly today, PolicyProfile policy)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(services);
        if (record.Status == RecordStatus.Merged)
            return [];
        return
        [
            .. MandatoryFields.Check(record),
            .. LogicChecks.Check(record, services, today),
            .. Staleness.Check(record, services, today, policy),
            .. LateUploads(record, services),
        ];
    }

    /// <summary>A record in an open review-queue pair, reported against its owner (R-CN-4 "duplicates").</summary>
    public static QualityFinding OpenDuplicate(RecordState record, string pairKey)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Number.Value, record.OwnerInstitution, QualityFindingKind.OpenDuplicate, "record_number", $"open duplicate candidate {pairKey}");
    }

    // R-RC-4, R-OS-5: lateness is the serving clinic's, reported per institution.
    private static IEnumerable<QualityFinding> LateUploads(RecordState record, IEnumerable<ServiceRecord> services) =>
        services.Where(s => s.Late).Select(s => new QualityFinding(record.Number.Value, s.InstitutionCode, QualityFindingKind.LateUpload, s.UploadId,
            $"uploaded {s.DaysAfterService} days after the service"));
}
