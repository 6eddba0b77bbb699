using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;

namespace HealthRecords.CityNode;

/// <summary>
/// Corrections at the city (R-RC-3): loads what a decision needs, lets <see cref="CorrectionRules"/>
/// decide, stores the outcome. An approval that lost a race to another approval of the same record
/// reads the new version and decides again, so no approved change is overwritten.
/// </summary>
public sealed class CorrectionWorkflow(CorrectionStore store, IRecordStore records, CityTopology topology, TimeProvider clock)
{
    private const int MaxApprovalAttempts = 5;

    /// <summary>The acting institution named in a request; it must be one of the calling district's.</summary>
    public Institution ActingInstitution(string districtCode, string institutionCode) =>
        topology.FindInstitution(institutionCode.Trim()) is { } institution && institution.DistrictCode == districtCode
            ? institution
            : throw new DomainValidationException(ServiceFieldPaths.InstitutionCode, $"'{institutionCode}' is not an institution of district {districtCode}.");

    /// <summary>The institutions a district's list covers: the one named, or all of the district's.</summary>
    public IReadOnlyList<string> ListedInstitutions(string districtCode, string? institutionCode) =>
        institutionCode is null
            ? topology.FindDistrict(districtCode)?.Institutions.Select(i => i.Code).ToList() ?? []
            : [ActingInstitution(districtCode, institutionCode).Code];

    /// <summary>Idempotent on the correction id: a repeat returns what is stored, a reused id is refused.</summary>
    public async Task<StoredCorrection> RequestAsync(Institution acting, string correctionId, string uploadId, string requestedBy, string reason,
        string evidence, IReadOnlyDictionary<string, string> changedMeasurements, IReadOnlyList<string>? changedMainProblems, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(correctionId, cancellationToken);
        var current = await CurrentAsync(uploadId, cancellationToken);
        var request = CorrectionRules.Request(current.Record, correctionId, requestedBy, acting.Code, reason, evidence,
            changedMeasurements, changedMainProblems, existing?.Request.RequestedAt ?? clock.UtcNowMs());
        var stored = existing ?? await store.AddAsync(request, current.Record.RecordNumber, cancellationToken);
        if (stored.Request != request with { RequestedAt = stored.Request.RequestedAt })
            throw new DomainValidationException(ServiceFieldPaths.CorrectionId,
                $"correction id {correctionId} was already used for a different correction request.");
        return stored;
    }

    public async Task<StoredCorrection> ApproveAsync(Institution acting, string correctionId, string approver, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var correction = await GetAsync(correctionId, cancellationToken);
            if (IsRepeatOf(correction, CorrectionState.Approved, acting, approver))
                return correction;
            CorrectionRules.RequirePending(correction.State, correctionId, correction.RecordNumber);
            var current = await CurrentAsync(correction.Request.UploadId, cancellationToken);
            var next = CorrectionRules.Approve(current.Record, current.Version, correction.Request, approver,
                IsDesignated(acting, correction, approver), clock.UtcNowMs());
            if (await store.TryApproveAsync(next, cancellationToken))
                return await GetAsync(correctionId, cancellationToken);
            if (attempt == MaxApprovalAttempts)
                throw new RpcException(new Status(StatusCode.Aborted, $"Correction {correctionId} met {attempt} concurrent changes of its record; try again."));
        }
    }

    public async Task<StoredCorrection> RejectAsync(Institution acting, string correctionId, string approver, string reason, CancellationToken cancellationToken)
    {
        var correction = await GetAsync(correctionId, cancellationToken);
        if (IsRepeatOf(correction, CorrectionState.Rejected, acting, approver))
            return correction;
        CorrectionRules.RequirePending(correction.State, correctionId, correction.RecordNumber);
        var current = await CurrentAsync(correction.Request.UploadId, cancellationToken);
        var rejection = CorrectionRules.Reject(current.Record, correction.Request, approver,
            IsDesignated(acting, correction, approver), reason, clock.UtcNowMs());
        // Decided by someone else meanwhile: answer as if that decision had been read first.
        return await store.TryRejectAsync(rejection, cancellationToken)
            ? await GetAsync(correctionId, cancellationToken)
            : await RejectAsync(acting, correctionId, approver, reason, cancellationToken);
    }

    /// <summary>A correction is shown to its own institution only.</summary>
    public async Task<StoredCorrection> GetOwnAsync(Institution acting, string correctionId, CancellationToken cancellationToken)
    {
        var correction = await GetAsync(correctionId, cancellationToken);
        return correction.Request.InstitutionCode == acting.Code
            ? correction
            : throw CorrectionNotFound(correctionId);
    }

    public Task<IReadOnlyList<StoredCorrection>> ListAsync(IReadOnlyList<string> institutions, CorrectionState? state, string? afterCorrectionId,
        int limit, CancellationToken cancellationToken) =>
        store.ListAsync(institutions, state, afterCorrectionId, limit, cancellationToken);

    /// <summary>The versions are the service's history: shown to the institution that served and to the record's owner.</summary>
    public async Task<IReadOnlyList<ServiceRecordVersion>> ListVersionsAsync(Institution acting, string uploadId, int afterVersion, int limit,
        CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(uploadId, cancellationToken);
        if (current.Record.InstitutionCode != acting.Code)
        {
            var owner = await records.GetAsync(RecordNumber.Parse(current.Record.RecordNumber), cancellationToken);
            if (owner?.OwnerInstitution != acting.Code)
                throw UploadNotFound(uploadId);
        }
        return await store.ListVersionsAsync(uploadId, afterVersion, limit, cancellationToken);
    }

    // R-RC-3: the approver must be designated by the correction's own institution, acting as itself.
    private static bool IsDesignated(Institution acting, StoredCorrection correction, string approver) =>
        acting.Code == correction.Request.InstitutionCode && acting.IsCorrectionAdministrator(approver);

    // A retry of a decision that was made (its answer lost on the way) gets the decision, not a refusal.
    private static bool IsRepeatOf(StoredCorrection correction, CorrectionState decision, Institution acting, string approver) =>
        correction.State == decision
        && correction.Request.InstitutionCode == acting.Code
        && string.Equals(correction.DecidedBy, approver.Trim(), StringComparison.Ordinal);

    private async Task<StoredCorrection> GetAsync(string correctionId, CancellationToken cancellationToken) =>
        await store.GetAsync(correctionId, cancellationToken) ?? throw CorrectionNotFound(correctionId);

    private async Task<CurrentServiceRecord> CurrentAsync(string uploadId, CancellationToken cancellationToken) =>
        await store.GetCurrentAsync(uploadId, cancellationToken) ?? throw UploadNotFound(uploadId);

    private static RpcException CorrectionNotFound(string correctionId) =>
        new(new Status(StatusCode.NotFound, $"No correction {correctionId} of yours at the city."));

    // An upload still being relayed by its district is not at the city yet.
    private static RpcException UploadNotFound(string uploadId) =>
        new(new Status(StatusCode.NotFound, $"No service record with upload id {uploadId} at the city (yet)."));
}
