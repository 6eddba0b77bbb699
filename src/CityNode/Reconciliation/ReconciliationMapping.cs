using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Hosting;
using HealthRecords.Storage.Reconciliation;
using Proto = HealthRecords.Contracts.City.V1;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>Translation of reconciliation runs, findings and repairs to healthrecords.city.v1 messages.</summary>
internal static class ReconciliationMapping
{
    public static Proto.Reconciliation ToProto(this ReconciliationRun run)
    {
        var message = new Proto.Reconciliation
        {
            ReconciliationId = run.Id, Trigger = (Proto.ReconciliationTrigger)run.Trigger, RequestedBy = run.RequestedBy,
            StartedAt = Timestamp.FromDateTimeOffset(run.StartedAt), FinishedAt = Timestamp.FromDateTimeOffset(run.FinishedAt),
            Outcome = (Proto.ReconciliationOutcome)run.Outcome, RecordsCompared = run.RecordsCompared, FindingCount = run.FindingCount,
        };
        message.Districts.AddRange(run.Districts.Select(ToProto));
        return message;
    }

    private static Proto.DistrictReconciliation ToProto(DistrictReconciliation d)
    {
        var message = new Proto.DistrictReconciliation
        {
            DistrictCode = d.DistrictCode, Outcome = (Proto.ReconciliationOutcome)d.Outcome, Detail = d.Detail,
            AppliedSequence = d.AppliedSequence, CitySequence = d.CitySequence, RoundTrips = d.RoundTrips, FindingCount = d.FindingCount,
        };
        message.Clinics.AddRange(d.Clinics.Select(c => new Proto.ClinicComparison
        {
            InstitutionCode = c.InstitutionCode, City = c.City.ToProto(), District = c.District?.ToProto(), Matches = c.Matches,
        }));
        return message;
    }

    public static Proto.ReconciliationFinding ToProto(this StoredFinding stored)
    {
        var f = stored.Finding;
        var message = new Proto.ReconciliationFinding
        {
            ReconciliationId = stored.RunId, DistrictCode = f.DistrictCode, RecordNumber = f.RecordNumber, Kind = (Proto.FindingKind)f.Kind,
            City = f.City?.ToProto(), District = f.District?.ToProto(), RepairId = stored.RepairId ?? "",
        };
        message.DifferingFields.AddRange(f.DifferingFields);
        return message;
    }

    public static Proto.IndexRepair ToProto(this IndexRepair r) => new()
    {
        RepairId = r.RepairId, ReconciliationId = r.ReconciliationId, DistrictCode = r.DistrictCode, RecordNumber = r.RecordNumber,
        Before = r.Before?.ToProto(), After = r.After?.ToProto(), RequestedBy = r.RequestedBy, Reason = r.Reason,
        RepairedAt = Timestamp.FromDateTimeOffset(r.RepairedAt), DistrictSequence = r.DistrictSequence,
    };
}
