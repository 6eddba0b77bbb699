using Google.Protobuf.Reflection;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.ClinicAgent;

/// <summary>Corrections of this clinic's service records (R-RC-3), decided at the city through the district.</summary>
public sealed partial class DistrictConnection
{
    private static readonly ServiceDescriptor Corrections =
        District.ServiceCorrectionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicCorrectionService");

    private readonly ServiceClient _corrections;

    /// <summary>Requests a correction for this clinic; retrying with the same correction id is harmless.</summary>
    public Task<ServiceCorrection> RequestCorrectionAsync(RequestCorrectionRequest request, CancellationToken cancellationToken = default)
    {
        var own = new RequestCorrectionRequest(request) { InstitutionCode = InstitutionCode };
        return Call<RequestCorrectionRequest, ServiceCorrection>("RequestCorrection", own, cancellationToken, _corrections);
    }

    public Task<ServiceCorrection> ApproveCorrectionAsync(string correctionId, string approver, CancellationToken cancellationToken = default) =>
        Call<ApproveCorrectionRequest, ServiceCorrection>("ApproveCorrection",
            new ApproveCorrectionRequest { CorrectionId = correctionId, InstitutionCode = InstitutionCode, Approver = approver }, cancellationToken, _corrections);

    public Task<ServiceCorrection> RejectCorrectionAsync(string correctionId, string approver, string reason, CancellationToken cancellationToken = default) =>
        Call<RejectCorrectionRequest, ServiceCorrection>("RejectCorrection",
            new RejectCorrectionRequest { CorrectionId = correctionId, InstitutionCode = InstitutionCode, Approver = approver, Reason = reason },
            cancellationToken, _corrections);

    public Task<ServiceCorrection> GetCorrectionAsync(string correctionId, CancellationToken cancellationToken = default) =>
        Call<GetCorrectionRequest, ServiceCorrection>("GetCorrection",
            new GetCorrectionRequest { CorrectionId = correctionId, InstitutionCode = InstitutionCode }, cancellationToken, _corrections);

    public Task<ListCorrectionsResponse> ListCorrectionsAsync(CorrectionState state, int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListCorrectionsRequest, ListCorrectionsResponse>("ListCorrections",
            new ListCorrectionsRequest { InstitutionCode = InstitutionCode, State = state, PageSize = pageSize, PageToken = pageToken },
            cancellationToken, _corrections);

    /// <summary>Every version of one service record, oldest first (version 1 is the upload).</summary>
    public Task<ListServiceRecordVersionsResponse> ListServiceRecordVersionsAsync(string uploadId, int pageSize, string pageToken,
        CancellationToken cancellationToken = default) =>
        Call<ListServiceRecordVersionsRequest, ListServiceRecordVersionsResponse>("ListServiceRecordVersions",
            new ListServiceRecordVersionsRequest { UploadId = uploadId, InstitutionCode = InstitutionCode, PageSize = pageSize, PageToken = pageToken },
            cancellationToken, _corrections);
}
