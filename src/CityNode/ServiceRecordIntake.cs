using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Storage.City;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>
/// Takes a district's relayed batch: decides every record with the service rules against what the
/// city knows of the resident, commits the whole batch in one transaction, then answers each upload.
/// A repeat of an answered upload id gets the answer it got the first time (exactly-once effect).
/// </summary>
public sealed class ServiceRecordIntake(ServiceRecordStore store, RecordMergeStore merges, RecordGrains grains, CityTopology topology, PolicyProfile policy, TimeProvider clock)
{
    public async Task<IReadOnlyList<Proto.UploadAck>> AcceptAsync(IReadOnlyList<Proto.ServiceRecord> batch, string districtCode, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMs();
        var prior = await store.FindPriorOutcomesAsync(batch.Select(r => r.UploadId).Distinct().ToList(), cancellationToken);
        var numbers = batch.Where(r => !prior.ContainsKey(r.UploadId)).Select(r => r.RecordNumber).Distinct().ToList();
        // R-MG-3: a clinic that worked offline still uploads under a merged-away number; the service joins the survivor.
        var survivors = await merges.SurvivorsOfAsync(numbers, cancellationToken);
        var residents = await store.LoadResidentsAsync(numbers.Select(n => survivors.GetValueOrDefault(n, n)).Distinct().ToList(), cancellationToken);
        var answered = new Dictionary<string, (string Fingerprint, Proto.UploadAck Ack)>();
        var accepted = new List<AcceptedService>();
        var rejected = new List<RejectedUpload>();
        var acks = new List<Proto.UploadAck>(batch.Count);
        foreach (var wire in batch)
        {
            var fingerprint = wire.Fingerprint();
            if (answered.TryGetValue(wire.UploadId, out var earlier) || TryPrior(prior, wire.UploadId, out earlier))
            {
                acks.Add(earlier.Fingerprint == fingerprint
                    ? earlier.Ack
                    : ServiceRecordMapping.Rejected(wire.UploadId, "upload_id", $"upload id {wire.UploadId} was already used for a different service record."));
                continue;
            }
            Proto.UploadAck ack;
            try
            {
                var mergedFrom = survivors.ContainsKey(wire.RecordNumber) ? wire.RecordNumber : null;
                var record = Decide(wire, survivors.GetValueOrDefault(wire.RecordNumber, wire.RecordNumber), districtCode, residents, now);
                accepted.Add(new AcceptedService(record, districtCode, fingerprint, mergedFrom));
                ack = ServiceRecordMapping.Accepted(wire.UploadId, record.Late);
            }
            catch (Exception e) when (e is DomainValidationException or Grains.Records.DomainRuleViolation)
            {
                ack = ServiceRecordMapping.Rejected(wire.UploadId, e);
                rejected.Add(new RejectedUpload(wire.UploadId, fingerprint, ack.RejectionCode, ack.RejectionReason));
            }
            answered[wire.UploadId] = (fingerprint, ack);
            acks.Add(ack);
        }
        await ReactivateServedAsync(accepted, residents, cancellationToken);
        await store.SaveAsync(accepted, rejected, now, cancellationToken);
        return acks;
    }

    /// <summary>
    /// R-ST-5: a lost or moved-out resident who is served again is active again. Done before the
    /// services are stored, so a crash in between leaves the record active and the upload unanswered,
    /// and the district's resend stores it; the request id (the first such upload) makes it once.
    /// </summary>
    private async Task ReactivateServedAsync(List<AcceptedService> accepted, IReadOnlyDictionary<string, ResidentFacts> residents, CancellationToken cancellationToken)
    {
        var served = accepted.Where(a => ServiceRecordRules.Reactivates(residents[a.Record.RecordNumber])).DistinctBy(a => a.Record.RecordNumber);
        foreach (var service in served)
        {
            var r = service.Record;
            var command = new Reactivate($"service:{r.UploadId}", RecordNumber.Parse(r.RecordNumber), r.InstitutionCode,
                $"served by {r.InstitutionCode} on {r.ServiceDate:yyyy-MM-dd}");
            await grains.ExecuteOnceAsync(command.Number, command.RequestId, (s, at) => LifecycleDecider.Decide(s, command, at), cancellationToken);
        }
    }

    private ServiceRecord Decide(Proto.ServiceRecord wire, string recordNumber, string districtCode, IReadOnlyDictionary<string, ResidentFacts> residents, DateTimeOffset now)
    {
        var input = wire.ToInput() with { RecordNumber = recordNumber };
        if (topology.FindInstitution(input.InstitutionCode) is not { } institution || institution.DistrictCode != districtCode)
            throw new DomainValidationException([new FieldViolation("institution_code", $"'{input.InstitutionCode}' is not an institution of district {districtCode}.")]);
        if (!residents.TryGetValue(input.RecordNumber, out var facts))
            throw new DomainValidationException([new FieldViolation("record_number", $"no record {input.RecordNumber} in the city's index.")]);
        // R-RC-4: lateness counts from the district's durable receipt (it stamps received_at), never
        // later than the city's own clock says, so a district's clock running fast cannot excuse lateness.
        var receivedAt = wire.ReceivedAt is { } stamped && stamped.ToDateTimeOffset() < now ? stamped.ToDateTimeOffset() : now;
        return ServiceRecordRules.Accept(input, facts, policy, receivedAt);
    }

    private static bool TryPrior(IReadOnlyDictionary<string, PriorOutcome> prior, string uploadId, out (string Fingerprint, Proto.UploadAck Ack) answer)
    {
        answer = default;
        if (!prior.TryGetValue(uploadId, out var outcome))
            return false;
        answer = outcome switch
        {
            PriorOutcome.Accepted a => (a.Fingerprint, ServiceRecordMapping.Accepted(uploadId, a.Late)),
            PriorOutcome.Rejected r => (r.Fingerprint, ServiceRecordMapping.Rejected(uploadId, r.Code, r.Reason)),
            _ => throw new InvalidOperationException(),
        };
        return true;
    }
}
