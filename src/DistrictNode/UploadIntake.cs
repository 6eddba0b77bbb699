using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Storage.District;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// Checks a batch of a clinic's uploads, commits the good ones in one transaction, and only then
/// answers each. What depends on the resident (birth, death, status) is the city's to decide.
/// </summary>
public sealed class UploadIntake(UploadLog log, District district, PolicyProfile policy, TimeProvider clock, RelaySignal relay)
{
    // Field checks only: the district does not know the resident; the city applies the rest.
    private static readonly ResidentFacts UnknownResident = new(RecordStatus.Active, null, null);

    public async Task<IReadOnlyList<Proto.UploadAck>> AcceptAsync(IReadOnlyList<Proto.ServiceRecord> batch, Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMs();
        var acks = new Proto.UploadAck?[batch.Count];
        var candidates = new List<(int Index, NewUpload Upload, bool Late)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var wire = batch[i];
            try
            {
                RequireOwnClinic(wire.InstitutionCode, caller);
                var record = ServiceRecordRules.Accept(wire.ToInput(), UnknownResident, policy, now);
                // R-RC-4: lateness counts from the platform's first durable receipt, here, not from the city's.
                var stored = wire.Clone();
                stored.ReceivedAt = Timestamp.FromDateTimeOffset(now);
                candidates.Add((i, new NewUpload(record.UploadId, record.InstitutionCode, wire.Fingerprint(), stored.ToByteArray()), record.Late));
            }
            catch (Exception e) when (e is DomainValidationException or DomainRuleViolation)
            {
                acks[i] = ServiceRecordMapping.Rejected(wire.UploadId, e);
            }
        }
        var fingerprints = candidates.Count == 0
            ? new Dictionary<string, string>()
            : await log.AppendAsync(candidates.Select(c => c.Upload).ToList(), now, cancellationToken);
        foreach (var (index, upload, late) in candidates)
            acks[index] = fingerprints[upload.UploadId] == upload.Fingerprint
                ? ServiceRecordMapping.Accepted(upload.UploadId, late)
                : ServiceRecordMapping.Rejected(upload.UploadId, "upload_id", $"upload id {upload.UploadId} was already used for a different service record.");
        if (candidates.Count > 0)
            relay.Notify();
        return acks!;
    }

    /// <summary>A clinic uploads its own services; district IT may upload for any of the district's clinics.</summary>
    private void RequireOwnClinic(string institutionCode, Caller caller)
    {
        var own = district.Institutions.Any(i => i.Code == institutionCode);
        if (!own || (caller.Kind == CallerKind.Institution && caller.Code != institutionCode))
            throw new DomainValidationException([new FieldViolation("institution_code",
                own ? $"{caller} may not upload for {institutionCode}." : $"'{institutionCode}' is not a clinic of district {district.Code}.")]);
    }
}
