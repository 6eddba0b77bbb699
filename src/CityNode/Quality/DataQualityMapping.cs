using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using Proto = HealthRecords.Contracts.City.V1;

namespace HealthRecords.CityNode.Quality;

/// <summary>healthrecords.city.v1 data-quality messages to and from the R-CN-4 domain.</summary>
internal static class DataQualityMapping
{
    /// <summary>The scope a request names, checked against the city's topology (INVALID_ARGUMENT on the field otherwise).</summary>
    public static QualityScope ToDomain(this Proto.QualityScope? scope, CityTopology topology)
    {
        var district = ProtoMapping.NullIfEmpty(scope?.DistrictCode);
        var institution = ProtoMapping.NullIfEmpty(scope?.InstitutionCode);
        if (institution is not null)
        {
            var clinic = topology.FindInstitution(institution)
                ?? throw new DomainValidationException("scope.institution_code", $"'{institution}' is not an institution of {topology.CityName}.");
            return district is null || district == clinic.DistrictCode
                ? QualityScope.Clinic(clinic.DistrictCode, clinic.Code)
                : throw new DomainValidationException("scope.district_code", $"{clinic.Code} is of district {clinic.DistrictCode}, not {district}.");
        }
        if (district is null)
            return QualityScope.City;
        return topology.FindDistrict(district) is not null
            ? QualityScope.District(district)
            : throw new DomainValidationException("scope.district_code", $"'{district}' is not a district of {topology.CityName}.");
    }

    /// <summary>Null for every kind (UNSPECIFIED); INVALID_ARGUMENT on kind for a value this version does not know.</summary>
    public static QualityFindingKind? ToDomain(this Proto.QualityFindingKind kind) => kind switch
    {
        Proto.QualityFindingKind.Unspecified => null,
        _ when System.Enum.IsDefined((QualityFindingKind)(int)kind) => (QualityFindingKind)(int)kind,
        _ => throw new DomainValidationException("kind", $"{(int)kind} is not a finding kind."),
    };

    public static Proto.QualityReport ToProto(this QualityReport report)
    {
        var proto = new Proto.QualityReport
        {
            Scope = new Proto.QualityScope { DistrictCode = report.Scope.DistrictCode ?? "", InstitutionCode = report.Scope.InstitutionCode ?? "" },
            ComputeTime = Timestamp.FromDateTimeOffset(report.ComputedAt),
            Total = report.Total.ToProto(),
        };
        proto.Districts.AddRange(report.Districts.Select(d => new Proto.DistrictQuality { DistrictCode = d.DistrictCode, Figures = d.Figures.ToProto() }));
        proto.Clinics.AddRange(report.Clinics.Select(c => new Proto.ClinicQuality
        {
            InstitutionCode = c.InstitutionCode, DistrictCode = c.DistrictCode, Figures = c.Figures.ToProto(),
        }));
        return proto;
    }

    public static Proto.QualityFinding ToProto(this QualityFinding f) => new()
    {
        RecordNumber = f.RecordNumber, InstitutionCode = f.InstitutionCode, Kind = (Proto.QualityFindingKind)(int)f.Kind, Field = f.Field, Detail = f.Detail,
    };

    private static Proto.QualityFigures ToProto(this QualityFigures f) => new()
    {
        RecordsOwned = f.RecordsOwned,
        Score = (double)f.Score,
        Findings = new Proto.QualityFindingCounts
        {
            MissingField = f.Count(QualityFindingKind.MissingField),
            LogicError = f.Count(QualityFindingKind.LogicError),
            Stale = f.Count(QualityFindingKind.Stale),
            LateUpload = f.Count(QualityFindingKind.LateUpload),
            OpenDuplicate = f.Count(QualityFindingKind.OpenDuplicate),
        },
    };
}
