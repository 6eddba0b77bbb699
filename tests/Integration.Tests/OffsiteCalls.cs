using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>Off-site service calls as a clinic makes them, through its district node (R-OS-2, R-OS-3).</summary>
internal static class OffsiteCalls
{
    /// <summary>The n-th synthetic citizen born <paramref name="yearsAgo"/> years before 2026, enrolled at the city with that birth date.</summary>
    public static async Task<MasterIndexEntry> EnrollBornAsync(GrpcChannel city, long n, int bornYear, string institution, string committee)
    {
        var days = new DateOnly(bornYear, 1, 1).DayNumber - new DateOnly(1940, 1, 1).DayNumber;
        var citizenId = TestIdentities.CitizenId(days * 999L + n % 999, committee[..6]);
        var request = Requests.Enroll(citizenId, institution, committee);
        request.Profile.DateOfBirth = new CalendarDate { Year = bornYear, Month = 1, Day = 1 };
        var masterIndex = Feeds.CityService(city, institution[..6], City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var response = await masterIndex.UnaryAsync<City.EnrollResidentRequest, City.EnrollResidentResponse>("EnrollResident", new City.EnrollResidentRequest
        {
            RequestId = request.RequestId, EnrollingInstitutionCode = institution, EnrolledBy = request.EnrolledBy,
            ResidenceCommitteeCode = committee, Identity = request.Identity, Profile = request.Profile,
        });
        return response.Entry;
    }

    public static ServiceClient Offsite(GrpcChannel district, string clinic) =>
        Feeds.DistrictService(district, $"institution:{clinic}", District.OffsiteServicesReflection.Descriptor, "ClinicOffsiteService");

    public static ServiceClient Inbox(GrpcChannel district, string clinic) =>
        Feeds.DistrictService(district, $"institution:{clinic}", District.InboxReflection.Descriptor, "ClinicInboxService");

    public static Task<OffsiteSummary> LookUpAsync(GrpcChannel district, string clinic, string recordNumber,
        ResidentAuthorization? authorization = null, int? monthsHere = null, string purpose = "老年人年度健康体检")
    {
        var request = new City.GetOffsiteSummaryRequest
        {
            ServingInstitutionCode = clinic, Staff = "赵医生", RecordNumber = recordNumber, Purpose = purpose, Authorization = authorization,
            MonthsResidentHere = monthsHere,
        };
        return Offsite(district, clinic).UnaryAsync<City.GetOffsiteSummaryRequest, OffsiteSummary>("GetOffsiteSummary", request);
    }

    public static async Task<List<District.InboxItem>> InboxAsync(GrpcChannel district, string clinic) =>
        (await Inbox(district, clinic).UnaryAsync<District.ListInboxRequest, District.ListInboxResponse>("ListInbox", new() { PageSize = 1000 })).Items.ToList();

    public static async Task<List<City.AccessAuditEntry>> AuditOfRecordAsync(GrpcChannel district, string clinic, string recordNumber) =>
        (await Offsite(district, clinic).UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>("ListAccessAudit",
            new() { RecordNumber = recordNumber, Action = "offsite_summary", PageSize = 1000 })).Entries.ToList();

    /// <summary>Uploads through the serving clinic's district, as the clinic agent does, and waits for the district's acknowledgement.</summary>
    public static async Task UploadAsync(Federation federation, params ServiceRecord[] services)
    {
        var clinic = services[0].InstitutionCode;
        using var connection = TestChannel.Clinic(federation.Districts[clinic[..6]].Address, clinic);
        using var queue = Uploads.NewQueue();
        queue.Enqueue(services);
        await Uploads.SyncAsync(connection, queue);
    }
}
