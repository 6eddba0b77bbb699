using System.Text.Json.Serialization;
using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>What happened to a record, in the past tense; the record's state is the fold of these.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ResidentEnrolled), "resident_enrolled")]
[JsonDerivedType(typeof(ContactDetailsUpdated), "contact_details_updated")]
[JsonDerivedType(typeof(MarkedLostToFollowUp), "marked_lost_to_follow_up")]
[JsonDerivedType(typeof(DeathRecorded), "death_recorded")]
[JsonDerivedType(typeof(MovedOutOfCity), "moved_out_of_city")]
[JsonDerivedType(typeof(Reactivated), "reactivated")]
[JsonDerivedType(typeof(TransferRequested), "transfer_requested")]
[JsonDerivedType(typeof(TransferCompleted), "transfer_completed")]
[JsonDerivedType(typeof(TransferRejected), "transfer_rejected")]
[JsonDerivedType(typeof(TransferExpired), "transfer_expired")]
[JsonDerivedType(typeof(RecordMergedInto), "record_merged_into")]
[JsonDerivedType(typeof(RecordAbsorbed), "record_absorbed")]
[JsonDerivedType(typeof(IdentityRekeyed), "identity_rekeyed")]
[JsonDerivedType(typeof(BasicInformationCorrected), "basic_information_corrected")]
public abstract record RecordEvent(DateTimeOffset OccurredAt)
{
    /// <summary>The request that caused the event, if it carries one: what a retry of that request is recognised by.</summary>
    public static string? RequestIdOf(RecordEvent e) => e switch
    {
        ResidentEnrolled x => x.RequestId,
        ContactDetailsUpdated x => x.RequestId,
        MarkedLostToFollowUp x => x.RequestId,
        DeathRecorded x => x.RequestId,
        MovedOutOfCity x => x.RequestId,
        Reactivated x => x.RequestId,
        TransferRequested x => x.Transfer.TransferId,
        RecordMergedInto x => x.RequestId,
        RecordAbsorbed x => x.RequestId,
        IdentityRekeyed x => x.RequestId,
        BasicInformationCorrected x => x.RequestId,
        _ => null,
    } is { Length: > 0 } id ? id : null;
}

public sealed record ResidentEnrolled(
    DateTimeOffset OccurredAt,
    string RecordNumber,
    string IdentityKey,
    string InstitutionCode,
    string DistrictCode,
    string EnrolledBy,
    string RequestId,
    ResidentProfile Profile) : RecordEvent(OccurredAt);

/// <summary>R-ID-6: contact fields, updated by the owning clinic at a visit.</summary>
public sealed record ContactDetailsUpdated(
    DateTimeOffset OccurredAt,
    string InstitutionCode,
    string UpdatedBy,
    string RequestId,
    string? Phone,
    string? CurrentAddress,
    string? Employer) : RecordEvent(OccurredAt);
