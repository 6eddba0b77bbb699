namespace HealthRecords.Grains.Access;

/// <summary>R-AC-2 (CQ art. 16): a public health emergency or a life at risk; the kind and a stated reason are kept.</summary>
public enum EmergencyKind
{
    LifeAtRisk = 1,
    PublicHealthEmergency = 2,
}

public static class EmergencyAccess
{
    public const int MinimumReasonLength = 10;

    /// <summary>
    /// Break the glass (R-AC-2): a clinician of another institution reads at once, for a short time,
    /// having said why; the grant is audited and reported to the owning clinic.
    /// </summary>
    public static AccessGrant Declare(string grantId, Principal clinician, RecordAccessFacts record, EmergencyKind kind, string reason,
        DateTimeOffset now, AccessTerms terms)
    {
        ArgumentNullException.ThrowIfNull(clinician);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(terms);
        var label = kind == EmergencyKind.PublicHealthEmergency ? "public health emergency" : "life at risk";
        return new AccessGrant(grantId, AccessBasis.Emergency, record.RecordNumber, clinician.Institution, clinician.User,
            $"{label}: {reason.Trim()}", now, now + terms.EmergencyAccessValidity);
    }
}
