using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Import;

/// <summary>The decisions of a historic import (issue 8, R-ID-1): who may start or resume it, which records enter, as what.</summary>
public static class HistoricImportDecider
{
    private const int MaxImportIdLength = 64;

    /// <summary>The field of a rejection of the sequence number itself, which is answered but not stored.</summary>
    public const string SequenceField = "sequence";

    /// <summary>
    /// R-AC-5 with tiered users: a city administrator imports for any district, a district
    /// administrator for the own district only (its node relays the call with the user's token).
    /// </summary>
    public static AccessDenial? CheckDistrict(Principal principal, string districtCode)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Role == Role.CityAdministrator || (principal.Role == Role.DistrictAdministrator && principal.Institution == districtCode)
            ? null
            : new AccessDenial("OTHER_DISTRICT", "R-AC-5", $"{principal} may not import or read the historic imports of district {districtCode}.");
    }

    /// <summary>A new import, or the stored one when the client reconnects with the same id for the same district.</summary>
    public static HistoricImport Start(HistoricImport? existing, string importId, string districtCode, string startedBy, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(importId))
            throw new DomainValidationException("import_id", "is required: the client's id of this import, to resume it.");
        if (importId.Length > MaxImportIdLength)
            throw new DomainValidationException("import_id", $"must be at most {MaxImportIdLength} characters.");
        if (existing is null)
            return new HistoricImport(importId, districtCode, startedBy, HistoricImportState.InProgress, 0, ImportCounts.None, now, null);
        if (existing.DistrictCode != districtCode)
            throw new DomainValidationException("import_id", $"{importId} is an import of another district; choose another id.");
        return existing;
    }

    /// <summary>
    /// Validates a batch: each record either enters (in sequence order) or is rejected with the field
    /// that is wrong. Sequences must be positive and unique within the batch. Items already answered
    /// (a resumed stream re-sending them) are left to the caller, which answers them as stored.
    /// </summary>
    public static (IReadOnlyList<HistoricRecord> Valid, IReadOnlyList<HistoricImportItem> Rejected) Validate(
        HistoricImport import, IEnumerable<HistoricRecordInput> batch, CityTopology topology, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(batch);
        var valid = new List<HistoricRecord>();
        var rejected = new List<HistoricImportItem>();
        var sequences = new HashSet<long>();
        foreach (var input in batch)
        {
            if (input.Sequence <= 0 || !sequences.Add(input.Sequence))
            {
                // Not stored: without a usable sequence there is nothing to resume by.
                rejected.Add(Reject(input.Sequence, input.HistoricId, [new(SequenceField, input.Sequence <= 0 ? "must be positive." : $"{input.Sequence} repeats within the batch.")]));
                continue;
            }
            try
            {
                valid.Add(input.Validate(import.ImportId, import.DistrictCode, topology, today));
            }
            catch (DomainValidationException e)
            {
                rejected.Add(Reject(input.Sequence, input.HistoricId, e.Violations));
            }
        }
        return (valid.OrderBy(r => r.Sequence).ToList(), rejected);
    }

    /// <summary>
    /// R-ID-1: a record whose identity is already enrolled (live), or entered earlier in the same batch,
    /// is held for review beside that record instead of becoming a second live one.
    /// </summary>
    public static string? HolderOf(HistoricRecord record, IReadOnlyDictionary<IdentityKey, string> liveByIdentity)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(liveByIdentity);
        return liveByIdentity.GetValueOrDefault(record.Enrollment.Identity);
    }

    /// <summary>
    /// The enrollment event of an imported record. R-MG-1 keeps the earliest enrollment date, so the
    /// record carries its original date (start of that day, city time), not the day of the import.
    /// </summary>
    public static ResidentEnrolled Enrolled(HistoricRecord record, RecordNumber number)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(number);
        var e = record.Enrollment;
        var at = new DateTimeOffset(record.EnrolledOn.ToDateTime(TimeOnly.MinValue), CityTime.Offset);
        return new ResidentEnrolled(at, number.Value, e.Identity.Value, e.InstitutionCode, e.DistrictCode, e.EnrolledBy, e.RequestId, e.Profile);
    }

    /// <summary>A rejected record's answer: the first invalid field, and every problem in the reason.</summary>
    public static HistoricImportItem Reject(long sequence, string? historicId, IReadOnlyList<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return new(sequence, historicId ?? "", ImportItemOutcome.Rejected, null, violations[0].Field, string.Join("; ", violations.Select(v => v.ToString())));
    }
}
