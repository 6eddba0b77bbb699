using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Services;

/// <summary>
/// Corrections of saved service records (R-RC-3, CQ-A1 3(1), GD art. 21 and Annex 1): a saved record
/// never changes in place; a request with reason and evidence from the institution that made the
/// service, approved by that institution's designated administrator (not the requester), yields a
/// new version and leaves the old one readable.
/// </summary>
public static class CorrectionRules
{
    /// <summary>
    /// Validates and returns the request to store as <see cref="CorrectionState.Pending"/>.
    /// Throws <see cref="DomainValidationException"/> (correction_id, requested_by, institution_code,
    /// reason, evidence, changed_measurements, changed_main_problems) or
    /// <see cref="DomainRuleViolation"/> R-RC-3 (subject = record number) when
    /// <paramref name="institutionCode"/> did not make the service.
    /// </summary>
    public static CorrectionRequest Request(
        ServiceRecord current,
        string correctionId,
        string requestedBy,
        string institutionCode,
        string reason,
        string evidence,
        IReadOnlyDictionary<string, string>? changedMeasurements,
        IReadOnlyList<string>? changedMainProblems,
        DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(current);
        var measurements = changedMeasurements ?? new Dictionary<string, string>();

        var violations = new List<FieldViolation>();
        ServiceRecordRules.CheckUploadId(correctionId, ServiceFieldPaths.CorrectionId, violations);
        ServiceRecordRules.Required(requestedBy, ServiceFieldPaths.RequestedBy, violations);
        ServiceRecordRules.Required(institutionCode, ServiceFieldPaths.InstitutionCode, violations);
        ServiceRecordRules.Required(reason, ServiceFieldPaths.Reason, violations);
        ServiceRecordRules.Required(evidence, ServiceFieldPaths.Evidence, violations);

        // An empty value deletes a key, so it is allowed here though not in an upload.
        ServiceContentChecks.CheckMeasurements(measurements, ServiceFieldPaths.ChangedMeasurements, violations, emptyRemoves: true);
        if (changedMainProblems is not null)
        {
            ServiceContentChecks.CheckMainProblems(changedMainProblems, ServiceFieldPaths.ChangedMainProblems, violations);
        }

        if (measurements.Count == 0 && changedMainProblems is null)
        {
            violations.Add(new(ServiceFieldPaths.ChangedMeasurements, "a correction must change at least one measurement or the main problems"));
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        if (!string.Equals(institutionCode.Trim(), current.InstitutionCode, StringComparison.Ordinal))
        {
            throw new DomainRuleViolation("R-RC-3", current.RecordNumber, "Only the institution that made the service may request its correction.");
        }

        return new CorrectionRequest(
            correctionId,
            current.UploadId,
            requestedBy.Trim(),
            institutionCode.Trim(),
            reason.Trim(),
            evidence.Trim(),
            new Dictionary<string, string>(measurements, StringComparer.Ordinal).AsReadOnly(),
            changedMainProblems?.ToArray().AsReadOnly(),
            requestedAt);
    }

    /// <summary>
    /// Applies an approved correction to version <paramref name="currentVersion"/> and returns version
    /// <paramref name="currentVersion"/> + 1, valid from <paramref name="at"/>; <paramref name="current"/>
    /// is not changed. Lateness and receipt time stay those of the upload. Throws
    /// <see cref="DomainRuleViolation"/> R-RC-3 unless <paramref name="approver"/> is the institution's
    /// designated administrator and not the requester.
    /// </summary>
    public static ServiceRecordVersion Approve(
        ServiceRecord current,
        int currentVersion,
        CorrectionRequest request,
        string approver,
        bool approverIsDesignatedAdministrator,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(currentVersion);
        if (!string.Equals(request.UploadId, current.UploadId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The correction is for upload {request.UploadId}, not {current.UploadId}.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(approver))
        {
            throw new DomainValidationException(ServiceFieldPaths.Approver, "must not be empty");
        }

        if (!approverIsDesignatedAdministrator)
        {
            throw new DomainRuleViolation("R-RC-3", current.RecordNumber, "A correction is approved only by the institution's designated administrator.");
        }

        if (string.Equals(approver.Trim(), request.RequestedBy.Trim(), StringComparison.Ordinal))
        {
            throw new DomainRuleViolation("R-RC-3", current.RecordNumber, "The requester of a correction cannot approve it.");
        }

        var measurements = new Dictionary<string, string>(current.Measurements, StringComparer.Ordinal);
        foreach (var (key, value) in request.ChangedMeasurements)
        {
            if (string.IsNullOrEmpty(value))
            {
                measurements.Remove(key);
            }
            else
            {
                measurements[key] = value;
            }
        }

        var corrected = current with
        {
            Measurements = measurements.AsReadOnly(),
            MainProblems = request.ChangedMainProblems?.ToArray().AsReadOnly() ?? current.MainProblems,
        };
        return new ServiceRecordVersion(currentVersion + 1, corrected, at, request.CorrectionId, approver.Trim());
    }

    /// <summary>
    /// Rejects a pending correction: the record stays as it is. Rejecting is a decision, so it too is
    /// the designated administrator's (the requester may reject, which withdraws the request), and
    /// it says why. Throws <see cref="DomainValidationException"/> (approver, reason) or
    /// <see cref="DomainRuleViolation"/> R-RC-3 when <paramref name="approver"/> is not designated.
    /// </summary>
    public static CorrectionRejection Reject(
        ServiceRecord current,
        CorrectionRequest request,
        string approver,
        bool approverIsDesignatedAdministrator,
        string reason,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<FieldViolation>();
        ServiceRecordRules.Required(approver, ServiceFieldPaths.Approver, violations);
        ServiceRecordRules.Required(reason, ServiceFieldPaths.Reason, violations);
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        if (!approverIsDesignatedAdministrator)
        {
            throw new DomainRuleViolation("R-RC-3", current.RecordNumber, "A correction is rejected only by the institution's designated administrator.");
        }

        return new CorrectionRejection(request.CorrectionId, approver.Trim(), reason.Trim(), at);
    }

    /// <summary>
    /// A correction is decided once: an approved one is a version of the record, a rejected one
    /// changed nothing, and neither may be turned into the other. Throws
    /// <see cref="DomainRuleViolation"/> R-RC-3 (subject = record number) unless <paramref name="state"/> is pending.
    /// </summary>
    public static void RequirePending(CorrectionState state, string correctionId, string recordNumber)
    {
        if (state != CorrectionState.Pending)
        {
            throw new DomainRuleViolation("R-RC-3", recordNumber, $"Correction {correctionId} was already {state.ToString().ToLowerInvariant()}; a correction is decided once.");
        }
    }
}
