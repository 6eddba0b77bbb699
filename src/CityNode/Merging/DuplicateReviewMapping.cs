using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Storage.City;
using Proto = HealthRecords.Contracts.City.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode.Merging;

/// <summary>Translation of the review queue and its merges to healthrecords.city.v1 messages.</summary>
internal static class DuplicateReviewMapping
{
    private static readonly MatchEvidence[] EvidenceFlags = [.. System.Enum.GetValues<MatchEvidence>().Where(f => f != MatchEvidence.None)];

    public static Proto.DuplicateCandidate ToProto(this QueuedDuplicate queued, DuplicateEvidence first, DuplicateEvidence second)
    {
        var r = queued.Review;
        var candidate = new Proto.DuplicateCandidate
        {
            PairKey = r.Pair.Key,
            Status = (Proto.DuplicateReviewStatus)(int)r.Status,
            Likelihood = (Proto.DuplicateLikelihood)(int)r.Match.Likelihood,
            Source = queued.Source,
            ProposedAt = Timestamp.FromDateTimeOffset(r.ProposedAt),
            First = first.ToProto(),
            Second = second.ToProto(),
            DecidedBy = r.DecidedBy ?? "",
            DecidedAt = r.DecidedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            DismissalReason = r.Reason ?? "",
            SurvivorRecordNumber = r.SurvivorNumber ?? "",
        };
        // The proto enum lists the flags in their bit order, from 1.
        candidate.Evidence.AddRange(EvidenceFlags.Where(f => r.Match.Evidence.HasFlag(f))
            .Select(f => (Proto.MatchEvidence)(System.Numerics.BitOperations.Log2((uint)f) + 1)));
        candidate.Conflicts.AddRange(r.Conflicts.Select(c => new Proto.MergeConflict { Field = c.Field, SurvivorValue = c.SurvivorValue, MergedAwayValue = c.MergedAwayValue }));
        return candidate;
    }

    public static Proto.RecordMerge ToProto(this RecordMerge m)
    {
        var merge = new Proto.RecordMerge
        {
            MergeId = m.MergeId,
            PairKey = m.Pair.Key,
            SurvivorRecordNumber = m.SurvivorNumber,
            MergedAwayRecordNumber = m.MergedAwayNumber,
            RequestId = m.RequestId,
            ConfirmedBy = m.ConfirmedBy,
            MergedAt = Timestamp.FromDateTimeOffset(m.MergedAt),
            ServicesMoved = m.ServicesMoved,
        };
        merge.FieldSources.AddRange(m.Sources.Select(s => new Proto.MergedField { Field = s.Field, FromRecordNumber = s.FromRecordNumber }));
        return merge;
    }

    /// <summary>"first+second", both 17-digit record numbers; INVALID_ARGUMENT on pair_key otherwise.</summary>
    public static RecordPair ParsePair(string pairKey)
    {
        var parts = (pairKey ?? "").Split('+');
        if (parts.Length != 2 || parts[0] == parts[1])
            throw new DomainValidationException("pair_key", "must be two different record numbers joined by '+', as the queue lists them.");
        return RecordPair.Of(DomainErrors.ParseRecordNumber(parts[0], "pair_key").Value, DomainErrors.ParseRecordNumber(parts[1], "pair_key").Value);
    }

    private static Proto.DuplicateRecordEvidence ToProto(this DuplicateEvidence e) => new()
    {
        RecordNumber = e.RecordNumber,
        IdentityKind = (Types.IdentityKind)(int)e.IdentityKind,
        IdentityMasked = e.IdentityMasked,
        Name = e.Name,
        Sex = (Types.Sex)(int)e.Sex,
        DateOfBirth = e.DateOfBirth.ToProto(),
        PhoneMasked = e.PhoneMasked,
        CurrentAddress = e.CurrentAddress ?? "",
        RegisteredAddress = e.RegisteredAddress ?? "",
        OwningInstitutionCode = e.OwnerInstitution,
        OwningDistrictCode = e.OwnerDistrict,
        EnrolledAt = Timestamp.FromDateTimeOffset(e.EnrolledAt),
        Status = (Types.RecordStatus)(int)e.Status,
    };
}
