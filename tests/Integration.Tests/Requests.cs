using HealthRecords.Contracts.District.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Integration.Tests;

internal static class Requests
{
    public static EnrollResidentRequest Enroll(string citizenId, string institution, string committee, string? requestId = null) => new()
    {
        RequestId = requestId ?? Guid.NewGuid().ToString("N"),
        EnrollingInstitutionCode = institution,
        EnrolledBy = "王护士",
        ResidenceCommitteeCode = committee,
        Identity = new ResidentIdentity { CitizenIdNumber = citizenId },
        Profile = new ResidentProfile { Name = "测试居民", Phone = "13800000000", CurrentAddress = "重庆市" },
    };
}
