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
        ResidentEnrolled => throw new InvalidOperationException($"Record {Number} is already enrolled."),
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
    };

    public RecordState ApplyAll(IEnumerable<RecordEvent> events) => events.Aggregate(this, (s, e) => s.Apply(e));

    public bool HasApplied(string requestId) => requestId.Length > 0 && AppliedRequestIds.Contains(requestId);

    private RecordState Advance(RecordEvent e, string requestId) => this with
    {
        Version = Version + 1,
        UpdatedAt = e.OccurredAt,
        AppliedRequestIds = requestId.Length == 0
            ? AppliedRequestIds
            : [.. AppliedRequestIds.Append(requestId).TakeLast(RememberedRequestIds)],
    };
}
