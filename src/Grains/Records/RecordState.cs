using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>
/// The master index entry of one resident plus the cover data the city holds; the state of the
/// record grain. Version counts applied events, so storage can check it optimistically.
/// </summary>
public sealed record RecordState(
    RecordNumber Number,
    IdentityKey Identity,
    string OwnerInstitution,
    string OwnerDistrict,
    RecordStatus Status,
    long Version,
    string EnrollingInstitution,
    string EnrolledBy,
    DateTimeOffset EnrolledAt,
    DateTimeOffset UpdatedAt,
    string EnrollRequestId,
    ResidentProfile Profile,
    IReadOnlyList<string> AppliedRequestIds)
{
    public RecordLifecycle Lifecycle { get; init; } = RecordLifecycle.Initial;

    /// <summary>How many recent request ids a record remembers for idempotent retries.</summary>
    public const int RememberedRequestIds = 16;

    public static RecordState Create(ResidentEnrolled e) => new(
        RecordNumber.Parse(e.RecordNumber),
        IdentityKey.Parse(e.IdentityKey),
        e.InstitutionCode,
        e.DistrictCode,
        RecordStatus.Active,
        Version: 1,
        e.InstitutionCode,
        e.EnrolledBy,
        e.OccurredAt,
        e.OccurredAt,
        e.RequestId,
        e.Profile,
        e.RequestId.Length > 0 ? [e.RequestId] : []);

    public RecordState Apply(RecordEvent e) => e switch
    {
        ContactDetailsUpdated c => Advance(c, c.RequestId) with
        {
            Profile = Profile with
            {
                Phone = c.Phone ?? Profile.Phone,
                CurrentAddress = c.CurrentAddress ?? Profile.CurrentAddress,
                Employer = c.Employer ?? Profile.Employer,
            },
        },
        // R-ID-6: only the corrected fields change.
        BasicInformationCorrected b => Advance(b, b.RequestId) with
        {
            Profile = Profile with
            {
                Name = b.Name ?? Profile.Name,
                Sex = b.Sex ?? Profile.Sex,
                DateOfBirth = b.DateOfBirth ?? Profile.DateOfBirth,
            },
        },
        MarkedLostToFollowUp m => ChangeStatus(m, m.RequestId, RecordStatus.LostToFollowUp, Lifecycle with { StatusReason = m.Reason }),
        DeathRecorded d => ChangeStatus(d, d.RequestId, RecordStatus.Deceased,
            Lifecycle with { StatusReason = $"died on {d.DateOfDeath:yyyy-MM-dd}", DateOfDeath = d.DateOfDeath, CauseOfDeath = d.Cause }),
        MovedOutOfCity o => ChangeStatus(o, o.RequestId, RecordStatus.MovedOut,
            Lifecycle with { StatusReason = $"moved out to {o.Destination}", Destination = o.Destination }),
        Reactivated r => ChangeStatus(r, r.RequestId, RecordStatus.Active, Lifecycle with { StatusReason = r.Cause }),
        TransferRequested t => Advance(t, t.Transfer.TransferId) with { Lifecycle = Lifecycle with { PendingTransferId = t.Transfer.TransferId } },
        TransferCompleted t => Advance(t, "") with
        {
            OwnerInstitution = t.Transfer.ToInstitution,
            OwnerDistrict = t.Transfer.ToDistrict,
            Lifecycle = Lifecycle with
            {
                PendingTransferId = null,
                LastCrossDistrictTransferAt = t.Transfer.CrossesDistricts ? t.OccurredAt : Lifecycle.LastCrossDistrictTransferAt,
            },
        },
        // R-MG-3: retired, not deleted; it points at the survivor so look-ups land there.
        RecordMergedInto m => ChangeStatus(m, m.RequestId, RecordStatus.Merged,
            Lifecycle with { StatusReason = $"merged into {m.SurvivorNumber}", MergedInto = m.SurvivorNumber }),
        RecordAbsorbed a => Advance(a, a.RequestId) with { Identity = IdentityKey.Parse(a.IdentityKey), Profile = a.Profile },
        IdentityRekeyed k => Advance(k, k.RequestId) with { Identity = IdentityKey.Parse(k.IdentityKey) },
        TransferRejected or TransferExpired => Advance(e, "") with { Lifecycle = Lifecycle with { PendingTransferId = null } },
        ResidentEnrolled => throw new InvalidOperationException($"Record {Number} is already enrolled."),
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
    };

    public RecordState ApplyAll(IEnumerable<RecordEvent> events) => events.Aggregate(this, (s, e) => s.Apply(e));

    public bool HasApplied(string requestId) => requestId.Length > 0 && AppliedRequestIds.Contains(requestId);

    // R-ST-7: every status change keeps its date and reason.
    private RecordState ChangeStatus(RecordEvent e, string requestId, RecordStatus status, RecordLifecycle lifecycle) => Advance(e, requestId) with
    {
        Status = status,
        Lifecycle = lifecycle with { StatusChangedAt = e.OccurredAt },
    };

    private RecordState Advance(RecordEvent e, string requestId) => this with
    {
        Version = Version + 1,
        UpdatedAt = e.OccurredAt,
        AppliedRequestIds = requestId.Length == 0
            ? AppliedRequestIds
            : [.. AppliedRequestIds.Append(requestId).TakeLast(RememberedRequestIds)],
    };
}
