using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Feed;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation of the district feed's events between the wire (healthrecords.types.v1.DistrictEvent) and the domain.</summary>
public static class FeedMapping
{
    public static Proto.DistrictEvent ToProto(this DistrictFeedEvent e, long sequence)
    {
        var message = new Proto.DistrictEvent { Sequence = sequence, OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt) };
        switch (e)
        {
            case RecordIndexChanged changed:
                message.RecordChanged = changed.Entry.ToProto();
                break;
            case TransferChanged transfer:
                message.TransferChanged = transfer.Transfer.ToProto();
                break;
            case RecordClosed closed:
                message.RecordClosed = new Proto.RecordClosed
                {
                    RecordNumber = closed.RecordNumber,
                    FormerInstitutionCode = closed.FormerInstitution,
                    NewOwnerInstitutionCode = closed.NewOwnerInstitution,
                };
                break;
            case OffsiteServiceNoticed noticed:
                message.OffsiteServiceNotice = noticed.Notice.ToProto();
                break;
            case RecordIndexRepaired repaired:
                message.RecordIndexRepaired = new Proto.RecordIndexRepaired
                {
                    RepairId = repaired.RepairId,
                    RecordNumber = repaired.RecordNumber,
                    Entry = repaired.Entry?.ToProto(),
                };
                break;
            case EmergencyAccessDeclared emergency:
                message.EmergencyAccess = new Proto.EmergencyAccessNotice { Grant = emergency.Grant.ToProto(), OwnerInstitutionCode = emergency.OwnerInstitution };
                break;
            case RecordsMerged merged:
                message.RecordsMerged = new Proto.RecordsMerged
                {
                    SurvivorRecordNumber = merged.SurvivorNumber,
                    MergedAwayRecordNumber = merged.MergedAwayNumber,
                    Survivor = merged.Survivor.ToProto(),
                    MergedAway = merged.MergedAway.ToProto(),
                };
                break;
            default:
                throw new InvalidOperationException($"Unknown district event {e.GetType().Name}.");
        }
        return message;
    }

    public static DistrictFeedEvent ToDomain(this Proto.DistrictEvent e)
    {
        var at = e.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
        return e.EventCase switch
        {
            Proto.DistrictEvent.EventOneofCase.RecordChanged => new RecordIndexChanged(at, e.RecordChanged.ToDomain()),
            Proto.DistrictEvent.EventOneofCase.TransferChanged => new TransferChanged(at, e.TransferChanged.ToDomain()),
            Proto.DistrictEvent.EventOneofCase.RecordClosed => new RecordClosed(at, e.RecordClosed.RecordNumber,
                e.RecordClosed.FormerInstitutionCode, e.RecordClosed.NewOwnerInstitutionCode),
            Proto.DistrictEvent.EventOneofCase.OffsiteServiceNotice => new OffsiteServiceNoticed(at, e.OffsiteServiceNotice.ToDomain()),
            Proto.DistrictEvent.EventOneofCase.RecordIndexRepaired => new RecordIndexRepaired(at, e.RecordIndexRepaired.RepairId,
                e.RecordIndexRepaired.RecordNumber, e.RecordIndexRepaired.Entry?.ToDomain()),
            Proto.DistrictEvent.EventOneofCase.EmergencyAccess => new EmergencyAccessDeclared(at, e.EmergencyAccess.Grant.ToDomain(), e.EmergencyAccess.OwnerInstitutionCode),
            Proto.DistrictEvent.EventOneofCase.RecordsMerged => new RecordsMerged(at, e.RecordsMerged.SurvivorRecordNumber,
                e.RecordsMerged.MergedAwayRecordNumber, e.RecordsMerged.Survivor.ToDomain(), e.RecordsMerged.MergedAway.ToDomain()),
            _ => throw new InvalidOperationException($"District event {e.Sequence} carries no event this node knows."),
        };
    }
}
