namespace HealthRecords.Grains.Services;

/// <summary>
/// Service record kinds (R-RC-1, NAT 2(1)): health examinations, the key-population follow-ups
/// and other medical services. Numbers equal the proto <c>healthrecords.types.v1.ServiceKind</c>
/// so the hosts can cast; 0 (unspecified) is deliberately not a member.
/// </summary>
public enum ServiceKind
{
    HealthExamination = 1,

    /// <summary>Children aged 0-6.</summary>
    ChildFollowUp = 2,
    MaternalFollowUp = 3,
    ElderlyFollowUp = 4,
    HypertensionFollowUp = 5,

    /// <summary>Type 2 diabetes.</summary>
    DiabetesFollowUp = 6,
    SevereMentalDisorderFollowUp = 7,
    TuberculosisFollowUp = 8,
    Visit = 9,
    Referral = 10,
    Consultation = 11,
}
