using Google.Protobuf.Reflection;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using District = HealthRecords.Contracts.District.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent;

/// <summary>Off-site service (R-OS-1..5): looking up a resident another clinic owns, and the notices of this clinic's residents served elsewhere.</summary>
public sealed partial class DistrictConnection
{
    private static readonly ServiceDescriptor Offsite =
        District.OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicOffsiteService");

    private readonly ServiceClient _offsite;

    /// <summary>R-OS-2: what this clinic, serving the resident, may see; the city decides and audits the lookup.</summary>
    public Task<Types.OffsiteSummary> GetOffsiteSummaryAsync(GetOffsiteSummaryRequest request, CancellationToken cancellationToken = default) =>
        Call<GetOffsiteSummaryRequest, Types.OffsiteSummary>("GetOffsiteSummary",
            new GetOffsiteSummaryRequest(request) { ServingInstitutionCode = InstitutionCode }, cancellationToken, _offsite);

    /// <summary>R-AC-5: the lookups this clinic made (institution code), or the lookups of a record it owns; oldest first.</summary>
    public Task<ListAccessAuditResponse> ListAccessAuditAsync(string recordNumber, string institutionCode, int pageSize, string pageToken,
        CancellationToken cancellationToken = default) =>
        Call<ListAccessAuditRequest, ListAccessAuditResponse>("ListAccessAudit", new ListAccessAuditRequest
        {
            RecordNumber = recordNumber, InstitutionCode = institutionCode, PageSize = pageSize, PageToken = pageToken,
        }, cancellationToken, _offsite);

    /// <summary>R-OS-5: the year's off-site services per clinic of this district, as the city counts them.</summary>
    public Task<ListOffsiteServiceCountsResponse> ListOffsiteServiceCountsAsync(int year, int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListOffsiteServiceCountsRequest, ListOffsiteServiceCountsResponse>("ListOffsiteServiceCounts",
            new ListOffsiteServiceCountsRequest { Year = year, PageSize = pageSize, PageToken = pageToken }, cancellationToken, _offsite);

    /// <summary>R-OS-3: this clinic's notices of its residents served by other clinics, newest first.</summary>
    public Task<District.ListOffsiteServiceNoticesResponse> ListOffsiteServiceNoticesAsync(bool unreadOnly, int pageSize, string pageToken,
        CancellationToken cancellationToken = default) =>
        Call<District.ListOffsiteServiceNoticesRequest, District.ListOffsiteServiceNoticesResponse>("ListOffsiteServiceNotices",
            new District.ListOffsiteServiceNoticesRequest { InstitutionCode = InstitutionCode, UnreadOnly = unreadOnly, PageSize = pageSize, PageToken = pageToken },
            cancellationToken, _inbox);

    /// <summary>R-OS-3: a staff member of this clinic has seen the notice; the first reader stays recorded.</summary>
    public Task<Types.OffsiteServiceNotice> MarkNoticeReadAsync(string noticeId, string readBy, CancellationToken cancellationToken = default) =>
        Call<District.MarkNoticeReadRequest, Types.OffsiteServiceNotice>("MarkNoticeRead",
            new District.MarkNoticeReadRequest { InstitutionCode = InstitutionCode, NoticeId = noticeId, ReadBy = readBy }, cancellationToken, _inbox);
}
