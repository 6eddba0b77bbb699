namespace HealthRecords.Grains.Access;

/// <summary>
/// The answer to "may this user read this record": refused with a denial, or allowed on a basis,
/// with what the basis lets them see (R-AC-1, R-AC-3).
/// </summary>
public sealed record RecordAccessDecision
{
    private RecordAccessDecision(Principal principal, AccessBasis? basis, AccessDenial? denial, string? grantId)
    {
        Principal = principal;
        Basis = basis;
        Denial = denial;
        GrantId = grantId;
    }

    public Principal Principal { get; }

    public AccessBasis? Basis { get; }

    public AccessDenial? Denial { get; }

    /// <summary>The resident authorization or emergency grant the read relies on, if any.</summary>
    public string? GrantId { get; }

    public bool Allowed => Basis is not null;

    public static RecordAccessDecision Allow(Principal principal, AccessBasis basis, string? grantId = null) => new(principal, basis, null, grantId);

    public static RecordAccessDecision Deny(Principal principal, string reason, string rule, string message) =>
        new(principal, null, new AccessDenial(reason, rule, message), null);

    /// <summary>
    /// R-AC-3: severe mental disorder information is for the owning clinic, the adult resident and the
    /// guardian of a minor only; R-AC-1 keeps it from the guardian of an adult.
    /// </summary>
    public bool SeesSevereMentalDisorder => Basis is AccessBasis.OwningInstitution or AccessBasis.Self or AccessBasis.GuardianOfMinor;

    /// <summary>R-AC-3: whether this reader sees one piece of information of the record, by its privacy level.</summary>
    public bool Shows(InformationPrivacy information)
    {
        ArgumentNullException.ThrowIfNull(information);
        if (!Allowed || (information.SevereMentalDisorder && !SeesSevereMentalDisorder))
            return false;
        var managerOrSubject = Basis is AccessBasis.OwningInstitution or AccessBasis.Self;
        return information.Level switch
        {
            PrivacyLevel.NotOpen => managerOrSubject,
            PrivacyLevel.ListedParties => managerOrSubject || information.ListedInstitutions.Contains(Principal.Institution),
            _ => true,
        };
    }
}
