namespace HealthRecords.Grains.Merging;

/// <summary>How likely two records are one person (R-ID-1).</summary>
public enum DuplicateLikelihood
{
    None = 0,

    /// <summary>Same basic information; a person reviews the pair before anything is merged.</summary>
    Probable = 1,

    /// <summary>Same identity key.</summary>
    Exact = 2,
}

/// <summary>The fields that matched: the evidence shown side by side in the review queue.</summary>
[Flags]
public enum MatchEvidence
{
    None = 0,
    IdentityKey = 1,
    Name = 2,
    DateOfBirth = 4,
    Sex = 8,
    Phone = 16,
    Address = 32,
    Mother = 64,

    /// <summary>One record is a newborn's (birth certificate or mother key), the other carries an ID number.</summary>
    NewbornToIdNumber = 128,
}

/// <summary>The verdict on one pair of records, with the evidence.</summary>
public sealed record DuplicateMatch(DuplicateLikelihood Likelihood, MatchEvidence Evidence)
{
    public static DuplicateMatch NoMatch { get; } = new(DuplicateLikelihood.None, MatchEvidence.None);

    public bool IsCandidate => Likelihood != DuplicateLikelihood.None;
}
