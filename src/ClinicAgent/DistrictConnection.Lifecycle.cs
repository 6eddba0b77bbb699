using Google.Protobuf.Reflection;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using District = HealthRecords.Contracts.District.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent;

/// <summary>Status changes of this clinic's records (R-ST-1..7), filed with the city at once through the district (R-ST-6).</summary>
public sealed partial class DistrictConnection
{
    private static readonly ServiceDescriptor Lifecycle =
        District.RecordLifecycleReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicRecordLifecycleService");

    private readonly ServiceClient _lifecycle;

    /// <summary>R-ST-2: this clinic's active records without a service within the policy's period; proposed only.</summary>
    public Task<ListLostToFollowUpCandidatesResponse> ListLostToFollowUpCandidatesAsync(int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListLostToFollowUpCandidatesRequest, ListLostToFollowUpCandidatesResponse>("ListLostToFollowUpCandidates",
            new ListLostToFollowUpCandidatesRequest { InstitutionCode = InstitutionCode, PageSize = pageSize, PageToken = pageToken }, cancellationToken, _lifecycle);

    public Task<Types.MasterIndexEntry> MarkLostToFollowUpAsync(MarkLostToFollowUpRequest request, CancellationToken cancellationToken = default) =>
        Call<MarkLostToFollowUpRequest, Types.MasterIndexEntry>("MarkLostToFollowUp",
            new MarkLostToFollowUpRequest(request) { InstitutionCode = InstitutionCode }, cancellationToken, _lifecycle);

    public Task<Types.MasterIndexEntry> RecordDeathAsync(RecordDeathRequest request, CancellationToken cancellationToken = default) =>
        Call<RecordDeathRequest, Types.MasterIndexEntry>("RecordDeath",
            new RecordDeathRequest(request) { InstitutionCode = InstitutionCode }, cancellationToken, _lifecycle);

    public Task<Types.MasterIndexEntry> RecordMoveOutAsync(RecordMoveOutRequest request, CancellationToken cancellationToken = default) =>
        Call<RecordMoveOutRequest, Types.MasterIndexEntry>("RecordMoveOut",
            new RecordMoveOutRequest(request) { InstitutionCode = InstitutionCode }, cancellationToken, _lifecycle);

    public Task<Types.MasterIndexEntry> ReactivateRecordAsync(ReactivateRecordRequest request, CancellationToken cancellationToken = default) =>
        Call<ReactivateRecordRequest, Types.MasterIndexEntry>("ReactivateRecord",
            new ReactivateRecordRequest(request) { InstitutionCode = InstitutionCode }, cancellationToken, _lifecycle);

    /// <summary>R-ID-3: the newborn's key replaced by the ID number, with the guardian's consent (R-ID-6).</summary>
    public Task<Types.MasterIndexEntry> RekeyIdentityAsync(RekeyIdentityRequest request, CancellationToken cancellationToken = default) =>
        Call<RekeyIdentityRequest, Types.MasterIndexEntry>("RekeyIdentity",
            new RekeyIdentityRequest(request) { InstitutionCode = InstitutionCode }, cancellationToken, _lifecycle);

    /// <summary>R-ID-6: name, sex or date of birth corrected with the resident's or guardian's consent.</summary>
    public Task<Types.MasterIndexEntry> CorrectBasicInformationAsync(CorrectBasicInformationRequest request, CancellationToken cancellationToken = default) =>
        Call<CorrectBasicInformationRequest, Types.MasterIndexEntry>("CorrectBasicInformation",
            new CorrectBasicInformationRequest(request) { InstitutionCode = InstitutionCode }, cancellationToken, _lifecycle);

    /// <summary>R-ST-7: every status and ownership change of a record, oldest first.</summary>
    public Task<ListRecordHistoryResponse> ListRecordHistoryAsync(string recordNumber, int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListRecordHistoryRequest, ListRecordHistoryResponse>("ListRecordHistory",
            new ListRecordHistoryRequest { RecordNumber = recordNumber, PageSize = pageSize, PageToken = pageToken }, cancellationToken, _lifecycle);
}
