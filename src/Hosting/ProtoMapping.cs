using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation between the wire contract (healthrecords.types.v1) and the domain. No decisions here.</summary>
public static class ProtoMapping
{
    public static IdentityInput ToDomain(this Proto.ResidentIdentity? identity) => identity?.KindCase switch
    {
        Proto.ResidentIdentity.KindOneofCase.CitizenIdNumber => new IdentityInput(identity.CitizenIdNumber, null, null, null),
        Proto.ResidentIdentity.KindOneofCase.ResidencePermitNumber => new IdentityInput(null, identity.ResidencePermitNumber, null, null),
        Proto.ResidentIdentity.KindOneofCase.BirthMedicalCertificateNumber => new IdentityInput(null, null, identity.BirthMedicalCertificateNumber, null),
        Proto.ResidentIdentity.KindOneofCase.Newborn => new IdentityInput(null, null, null, new NewbornInput(
            identity.Newborn.MotherIdNumber, identity.Newborn.Parity, identity.Newborn.BirthOrder,
            identity.Newborn.IsMultipleBirth, NullIfEmpty(identity.Newborn.Name))),
        _ => new IdentityInput(null, null, null, null),
    };

    public static ResidentProfile ToDomain(this Proto.ResidentProfile? p) => p is null
        ? new ResidentProfile("", Sex.Unspecified, null, null, null, null, null, null)
        : new ResidentProfile(p.Name.Trim(), (Sex)(int)p.Sex, p.DateOfBirth.ToDateOnly("profile.date_of_birth"), NullIfEmpty(p.Phone),
            NullIfEmpty(p.CurrentAddress), NullIfEmpty(p.RegisteredAddress), NullIfEmpty(p.Employer), NullIfEmpty(p.ResponsibleDoctor));

    public static Proto.ResidentProfile ToProto(this ResidentProfile p) => new()
    {
        Name = p.Name,
        Sex = (Proto.Sex)(int)p.Sex,
        DateOfBirth = p.DateOfBirth.ToProto(),
        Phone = p.Phone ?? "",
        CurrentAddress = p.CurrentAddress ?? "",
        RegisteredAddress = p.RegisteredAddress ?? "",
        Employer = p.Employer ?? "",
        ResponsibleDoctor = p.ResponsibleDoctor ?? "",
    };

    /// <summary>An unset date (all zero) is null; an impossible one is an invalid <paramref name="field"/>.</summary>
    public static DateOnly? ToDateOnly(this Proto.CalendarDate? d, string field)
    {
        if (d is null || (d.Year == 0 && d.Month == 0 && d.Day == 0))
            return null;
        return d.Year is >= 1 and <= 9999 && d.Month is >= 1 and <= 12 && d.Day >= 1 && d.Day <= DateTime.DaysInMonth(d.Year, d.Month)
            ? new DateOnly(d.Year, d.Month, d.Day)
            : throw new Grains.Validation.DomainValidationException(
                [new Grains.Validation.FieldViolation(field, $"{d.Year}-{d.Month}-{d.Day} is not a real date.")]);
    }

    public static Proto.CalendarDate? ToProto(this DateOnly? d) =>
        d is { } v ? new Proto.CalendarDate { Year = v.Year, Month = v.Month, Day = v.Day } : null;

    public static Proto.MasterIndexEntry ToProto(this IndexEntry e) => new()
    {
        RecordNumber = e.RecordNumber,
        IdentityKind = (Proto.IdentityKind)(int)e.IdentityKind,
        IdentityMasked = e.IdentityMasked,
        OwningInstitutionCode = e.OwnerInstitution,
        OwningDistrictCode = e.OwnerDistrict,
        Status = (Proto.RecordStatus)(int)e.Status,
        Version = e.Version,
        ResidenceCommitteeCode = e.ResidenceCommittee,
        EnrollingInstitutionCode = e.EnrollingInstitution,
        EnrolledBy = e.EnrolledBy,
        EnrolledAt = Timestamp.FromDateTimeOffset(e.EnrolledAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(e.UpdatedAt),
        MergedIntoRecordNumber = e.MergedInto ?? "",
    };

    /// <summary>The city's entry: the index fields plus the lifecycle (R-ST-7, R-TR-2, R-TR-5); never the cause of death.</summary>
    public static Proto.MasterIndexEntry ToProto(this RecordState s)
    {
        var entry = IndexEntry.Of(s).ToProto();
        var l = s.Lifecycle;
        entry.StatusChangedAt = l.StatusChangedAt is { } changed ? Timestamp.FromDateTimeOffset(changed) : null;
        entry.StatusReason = l.StatusReason ?? "";
        entry.DateOfDeath = l.DateOfDeath.ToProto();
        entry.Destination = l.Destination ?? "";
        entry.PendingTransferId = l.PendingTransferId ?? "";
        entry.LastCrossDistrictTransferAt = l.LastCrossDistrictTransferAt is { } moved ? Timestamp.FromDateTimeOffset(moved) : null;
        return entry;
    }

    public static IndexEntry ToDomain(this Proto.MasterIndexEntry e) => new(
        e.RecordNumber,
        (IdentityKind)(int)e.IdentityKind,
        e.IdentityMasked,
        e.OwningInstitutionCode,
        e.OwningDistrictCode,
        (RecordStatus)(int)e.Status,
        e.Version,
        e.ResidenceCommitteeCode,
        e.EnrollingInstitutionCode,
        e.EnrolledBy,
        e.EnrolledAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
        e.UpdatedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
        NullIfEmpty(e.MergedIntoRecordNumber));

    public static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
