using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Access;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation of access grants and bases between the wire (healthrecords.types.v1 access.proto) and the domain.</summary>
public static class AccessMapping
{
    public static Proto.AccessGrant ToProto(this AccessGrant grant) => new()
    {
        GrantId = grant.GrantId,
        Basis = grant.Basis.ToProto(),
        RecordNumber = grant.RecordNumber,
        InstitutionCode = grant.Institution,
        User = grant.User,
        Reason = grant.Reason,
        GrantedAt = Timestamp.FromDateTimeOffset(grant.GrantedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(grant.ExpiresAt),
    };

    public static AccessGrant ToDomain(this Proto.AccessGrant grant) => new(grant.GrantId, (AccessBasis)(int)grant.Basis, grant.RecordNumber,
        grant.InstitutionCode, grant.User, grant.Reason, grant.GrantedAt.ToDateTimeOffset(), grant.ExpiresAt.ToDateTimeOffset());

    public static Proto.WithheldInformation ToProto(this Withheld withheld) => new()
    {
        SevereMentalDisorderItems = withheld.SevereMentalDisorderItems,
        PrivacyLevelItems = withheld.PrivacyLevelItems,
    };

    // The numbers of the wire enum and the domain enum are the same.
    public static Proto.RecordAccessBasis ToProto(this AccessBasis basis) => (Proto.RecordAccessBasis)(int)basis;
}
