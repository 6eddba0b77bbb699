using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Integration.Tests.History;

/// <summary>A record as the history test expects it: owner, status (R-ST-1), pending transfer (R-TR-2), last cross-district move (R-TR-5).</summary>
internal sealed class ModelRecord(string number, string citizenId, string owner, DateTimeOffset enrolledAt)
{
    public string Number { get; } = number;

    public string CitizenId { get; } = citizenId;

    public string Owner { get; set; } = owner;

    public string OwnerDistrict => Owner[..6];

    public RecordStatus Status { get; set; } = RecordStatus.Active;

    /// <summary>The city's enrolled_at: R-ST-2 counts a year without service from it (no services are uploaded here).</summary>
    public DateTimeOffset EnrolledAt { get; } = enrolledAt;

    public ModelTransfer? Pending { get; set; }

    public DateTimeOffset? LastCrossDistrictAt { get; set; }

    public List<ModelTransfer> Transfers { get; } = [];

    /// <summary>The requests that changed this record (enrollment, transfer requests, status changes), oldest first.</summary>
    public List<HistoryOp> Requests { get; } = [];

    /// <summary>R-ST-1: lost, deceased and moved out are archived.</summary>
    public bool Archived => Status is RecordStatus.LostToFollowUp or RecordStatus.Deceased or RecordStatus.MovedOut;

    public override string ToString() =>
        $"{Number} owner {Owner} {Status}{(Pending is null ? "" : $" pending {Pending.Id}")}{(LastCrossDistrictAt is { } at ? $" crossed {at:yyyy-MM-dd HH:mm}" : "")}";
}

/// <summary>A transfer as the history test expects it (R-TR-1..4).</summary>
internal sealed class ModelTransfer(string id, ModelRecord record, string from, string to, string requestedBy, DateTimeOffset dueAt)
{
    public string Id { get; } = id;

    public ModelRecord Record { get; } = record;

    public string From { get; } = from;

    public string To { get; } = to;

    public string RequestedBy { get; } = requestedBy;

    public DateTimeOffset DueAt { get; } = dueAt;

    public TransferState State { get; set; } = TransferState.Pending;

    public string AnsweredBy { get; set; } = "";

    public bool CrossesDistricts => From[..6] != To[..6];

    /// <summary>R-TR-2: the side that did not ask answers.</summary>
    public string Answering => RequestedBy == From ? To : From;

    public override string ToString() => $"{Id} {Record.Number} {From}→{To} by {RequestedBy} {State} due {DueAt:yyyy-MM-dd HH:mm}";
}

/// <summary>The records one lane of the history owns; lanes never share a record, so they run side by side.</summary>
internal sealed class LaneModel(int lane)
{
    private readonly Dictionary<string, ModelRecord> _byCitizenId = new(StringComparer.Ordinal);

    public int Lane { get; } = lane;

    /// <summary>In enrollment order: the generator's picks depend only on this order and the lane's seed.</summary>
    public List<ModelRecord> Records { get; } = [];

    public ModelRecord? FindByCitizenId(string citizenId) => _byCitizenId.GetValueOrDefault(citizenId);

    public void Add(ModelRecord record)
    {
        Records.Add(record);
        _byCitizenId.Add(record.CitizenId, record);
    }

    public IEnumerable<ModelTransfer> PendingTransfers => Records.Where(r => r.Pending is not null).Select(r => r.Pending!);
}
