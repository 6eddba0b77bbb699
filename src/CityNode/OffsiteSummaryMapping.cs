using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>The off-site summary on the wire (healthrecords.types.v1.OffsiteSummary).</summary>
internal static class OffsiteSummaryMapping
{
    public static Types.OffsiteSummary ToProto(this OffsiteSummary s, CityTopology topology, long auditId)
    {
        var proto = new Types.OffsiteSummary
        {
            Cover = new Types.RecordCover { Entry = s.Record.ToProto(), Profile = s.Record.Profile.ToProto() },
            AccessBasis = (Types.AccessBasis)(int)s.Basis,
            RestrictedInformationWithheld = s.RestrictedInformationWithheld,
            AuditId = auditId,
        };
        proto.KeyPopulations.AddRange(s.KeyPopulations.Select(p => (Types.KeyPopulation)(int)p));
        proto.FollowUps.AddRange(s.RecentServices.Select(r =>
        {
            var followUp = new Types.FollowUpSummary
            {
                Kind = (Types.ServiceKind)(int)r.Kind,
                ServiceDate = ((DateOnly?)r.ServiceDate).ToProto(),
                InstitutionCode = r.InstitutionCode,
                Report = r.Report ?? "",
            };
            followUp.MainProblems.AddRange(r.MainProblems);
            foreach (var (key, value) in r.Measurements)
                followUp.Measurements[key] = value;
            return followUp;
        }));
        // R-OS-4: whether each free annual service was given this year, and where.
        proto.FreeAnnualServices.AddRange(s.FreeAnnualServices.Select(f => new Types.FreeAnnualServiceStatus
        {
            Service = f.Service.Name,
            Kind = (Types.ServiceKind)(int)f.Service.Kind,
            GivenThisYear = f.GivenThisYear,
            GivenOn = ((DateOnly?)f.FirstGiven?.ServiceDate).ToProto(),
            GivenByInstitutionCode = f.FirstGiven?.InstitutionCode ?? "",
            GivenByDistrictCode = f.FirstGiven is { } given ? topology.FindInstitution(given.InstitutionCode)?.DistrictCode ?? "" : "",
        }));
        return proto;
    }
}
