using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-MG-1, R-MG-2 (GD art. 22): the field-by-field choice. The four enrollment fields stay the
/// survivor's, as the earliest enrolled. Every other field — cover fields (addresses, phone,
/// responsible doctor) and basic information alike — takes the valid value over an invalid one and,
/// when both are equally valid, the latest record's: for cover fields that is R-MG-1's "latest",
/// refined so that a placeholder never overwrites real information (GD art. 22 leaves invalid cover
/// entries to the correction procedure, not to the merge).
/// </summary>
public static class MergeFields
{
    public static (ResidentProfile Profile, IReadOnlyList<MergedField> Sources) Choose(MergeSide survivor, MergeSide mergedAway, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(mergedAway);
        var latest = Latest(survivor, mergedAway);
        var earlier = ReferenceEquals(latest, survivor) ? mergedAway : survivor;
        var sources = new List<MergedField>();
        T Pick<T>(string field, Func<MergeSide, T> value, Func<T, bool> valid)
        {
            var from = !valid(value(latest)) && valid(value(earlier)) ? earlier : latest;
            sources.Add(new(field, from.Number));
            return value(from);
        }

        var profile = new ResidentProfile(
            Pick("name", s => s.Record.Profile.Name, FieldValidity.IsValidText),
            Pick("sex", s => s.Sex, FieldValidity.IsValidSex),
            Pick("date_of_birth", s => s.DateOfBirth, d => FieldValidity.IsValidDateOfBirth(d, today)),
            Pick("phone", s => s.Record.Profile.Phone, FieldValidity.IsValidPhone),
            Pick("current_address", s => s.Record.Profile.CurrentAddress, FieldValidity.IsValidText),
            Pick("registered_address", s => s.Record.Profile.RegisteredAddress, FieldValidity.IsValidText),
            Pick("employer", s => s.Record.Profile.Employer, FieldValidity.IsValidText),
            Pick("responsible_doctor", s => s.Record.Profile.ResponsibleDoctor, FieldValidity.IsValidText));
        return (profile, sources);
    }

    /// <summary>
    /// The identity key the survivor carries: an ID number over a birth certificate over a mother key
    /// (R-ID-3: the newborn's key gives way to the ID number); the survivor's own when equal in kind.
    /// </summary>
    public static IdentityKey Identity(MergeSide survivor, MergeSide mergedAway)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(mergedAway);
        return Strength(mergedAway.Record.Identity) > Strength(survivor.Record.Identity) ? mergedAway.Record.Identity : survivor.Record.Identity;
    }

    /// <summary>"Latest" is the record updated last; on a tie, the later enrolled (the merged-away one).</summary>
    public static MergeSide Latest(MergeSide survivor, MergeSide mergedAway)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(mergedAway);
        return survivor.Record.UpdatedAt > mergedAway.Record.UpdatedAt ? survivor : mergedAway;
    }

    private static int Strength(IdentityKey key) => key.Kind switch
    {
        IdentityKind.CitizenId or IdentityKind.ResidencePermit => 3,
        IdentityKind.BirthMedicalCertificate => 2,
        _ => 1,
    };
}
