using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Research;
using HealthRecords.Hosting;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode.Research;

/// <summary>Research exports between the proto messages and the domain.</summary>
internal static class ResearchExportMapping
{
    public static Grains.Research.ResearchUse? ToDomain(this Contracts.City.V1.ResearchUse use) =>
        use == Contracts.City.V1.ResearchUse.Unspecified ? null : (Grains.Research.ResearchUse)(int)use;

    public static Grains.Research.ResearchExportScope ToDomain(this Contracts.City.V1.ResearchExportScope? scope) => new(
        scope?.DistrictCodes.Select(d => d.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [],
        scope?.EnrolledFrom.ToDateOnly("scope.enrolled_from"),
        scope?.EnrolledTo.ToDateOnly("scope.enrolled_to"));

    public static Contracts.City.V1.ResearchExport ToProto(this Grains.Research.ResearchExport e)
    {
        var proto = new Contracts.City.V1.ResearchExport
        {
            ExportId = e.ExportId,
            RequestedBy = e.RequestedBy,
            Purpose = e.Purpose,
            IntendedUse = (Contracts.City.V1.ResearchUse)(int)e.Use,
            Scope = new Contracts.City.V1.ResearchExportScope
            {
                EnrolledFrom = ((DateOnly?)e.Scope.EnrolledFrom).ToProto(),
                EnrolledTo = ((DateOnly?)e.Scope.EnrolledTo).ToProto(),
            },
            State = (Contracts.City.V1.ResearchExportState)(int)e.State,
            RequestedAt = Timestamp.FromDateTimeOffset(e.RequestedAt),
            DecidedBy = e.DecidedBy ?? "",
            DecidedAt = e.DecidedAt is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
            DecisionReason = e.DecisionReason ?? "",
            RowCount = e.RowCount,
            SuppressedCount = e.SuppressedCount,
            MinimumGroupSize = e.MinimumGroupSize,
        };
        proto.Scope.DistrictCodes.AddRange(e.Scope.DistrictCodes);
        return proto;
    }

    public static ResearchExportRow ToProto(this DeidentifiedRow r)
    {
        var proto = new ResearchExportRow
        {
            Pseudonym = r.Pseudonym,
            BirthYear = r.BirthYear ?? 0,
            Sex = (Types.Sex)(int)r.Sex,
            DistrictCode = r.DistrictCode,
            Status = (Types.RecordStatus)(int)r.Status,
            ServiceCount = r.ServiceCount,
        };
        proto.ServiceCounts.AddRange(r.ServiceCounts.OrderBy(c => c.Key).Select(c => new ServiceKindCount { Kind = (Types.ServiceKind)(int)c.Key, Count = c.Value }));
        return proto;
    }
}
