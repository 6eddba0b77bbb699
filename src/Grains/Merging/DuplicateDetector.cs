using System.Globalization;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-ID-1 (issue 8 "Detection"): whether two records are one person. Exact: the same identity key.
/// Probable: the same name and date of birth with the same sex and the same phone or address; or a
/// newborn's record (birth certificate or mother key, R-ID-2) and an ID-number record with the same
/// name, date of birth, sex and mother — the newborn who later got an ID number (R-ID-3).
/// </summary>
public static class DuplicateDetector
{
    public static DuplicateMatch Compare(DuplicateSubject a, DuplicateSubject b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var evidence = Evidence(a, b);
        if (evidence.HasFlag(MatchEvidence.IdentityKey))
            return new(DuplicateLikelihood.Exact, evidence);
        const MatchEvidence person = MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex;
        if ((evidence & person) != person)
            return DuplicateMatch.NoMatch;
        if ((evidence & (MatchEvidence.Phone | MatchEvidence.Address)) != 0)
            return new(DuplicateLikelihood.Probable, evidence);
        if (evidence.HasFlag(MatchEvidence.Mother | MatchEvidence.NewbornToIdNumber))
            return new(DuplicateLikelihood.Probable, evidence);
        return DuplicateMatch.NoMatch;
    }

    /// <summary>
    /// The block a bulk detector compares within: folded name + date of birth. Every probable match
    /// shares it, so comparing only within blocks loses none; null when either is missing (then only
    /// the identity key can find the record's duplicates).
    /// </summary>
    public static string? BlockingKey(DuplicateSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.FoldedName is { } name && subject.DateOfBirth is { } born
            ? string.Create(CultureInfo.InvariantCulture, $"{name}|{born:yyyyMMdd}")
            : null;
    }

    private static MatchEvidence Evidence(DuplicateSubject a, DuplicateSubject b)
    {
        var evidence = MatchEvidence.None;
        if (a.Identity.Equals(b.Identity))
            evidence |= MatchEvidence.IdentityKey;
        if (a.FoldedName is { } name && name == b.FoldedName)
            evidence |= MatchEvidence.Name;
        if (a.DateOfBirth is { } born && born == b.DateOfBirth)
            evidence |= MatchEvidence.DateOfBirth;
        if (FieldValidity.IsValidSex(a.Sex) && a.Sex == b.Sex)
            evidence |= MatchEvidence.Sex;
        if (SamePhone(a.Profile.Phone, b.Profile.Phone))
            evidence |= MatchEvidence.Phone;
        if (Addresses(a).Overlaps(Addresses(b)))
            evidence |= MatchEvidence.Address;
        if (a.Mother is { } mother && mother.Equals(b.Mother))
            evidence |= MatchEvidence.Mother;
        if ((a.IsNewbornKeyed && b.Identity.IdNumber is not null) || (b.IsNewbornKeyed && a.Identity.IdNumber is not null))
            evidence |= MatchEvidence.NewbornToIdNumber;
        return evidence;
    }

    private static bool SamePhone(string? a, string? b) =>
        FieldValidity.IsValidPhone(a) && FieldValidity.IsValidPhone(b) && FieldValidity.PhoneDigits(a) == FieldValidity.PhoneDigits(b);

    // Current and registered address alike: a resident's registered address in one record is often the current one in the other.
    private static HashSet<string> Addresses(DuplicateSubject s) =>
        [.. new[] { s.Profile.CurrentAddress, s.Profile.RegisteredAddress }.Where(FieldValidity.IsValidText).Select(x => FieldValidity.Fold(x!))];
}
