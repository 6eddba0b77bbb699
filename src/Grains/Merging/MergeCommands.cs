namespace HealthRecords.Grains.Merging;

/// <summary>Merge two records the review queue confirmed as one person (R-MG-1..3).</summary>
public sealed record MergeRecords(string RequestId, string ConfirmedBy);

/// <summary>Put a detected pair in the review queue.</summary>
public sealed record ProposeDuplicate(DuplicateCandidate Candidate);

/// <summary>An administrator confirms the pair is one person ("merge").</summary>
public sealed record ConfirmDuplicate(RecordPair Pair, string ConfirmedBy);

/// <summary>An administrator decides the pair is two people ("not a duplicate").</summary>
public sealed record DismissDuplicate(RecordPair Pair, string DismissedBy, string Reason);

/// <summary>
/// R-ID-3: replace a newborn's key by the ID number (citizen ID or residence permit) the child has
/// since got; an identity field, so changed with the guardian's consent, recorded (R-ID-6).
/// </summary>
public sealed record RekeyIdentity(string RequestId, string InstitutionCode, string RecordedBy, string Consent, string IdNumber);
