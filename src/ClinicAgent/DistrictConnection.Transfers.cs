using Google.Protobuf.Reflection;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Rpc;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent;

/// <summary>Transfers of records to or from this clinic (R-TR-1..5), recorded at the city through the district, and the clinic's inbox.</summary>
public sealed partial class DistrictConnection
{
    private static readonly ServiceDescriptor Transfers =
        TransfersReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicTransferService");

    private static readonly ServiceDescriptor Inbox =
        InboxReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicInboxService");

    private readonly ServiceClient _transfers;
    private readonly ServiceClient _inbox;

    /// <summary>R-TR-1, R-TR-2: asks, as this clinic, for the record to move to <c>to_institution_code</c>; retrying with the same request id is harmless.</summary>
    public Task<Types.TransferRequest> RequestTransferAsync(RequestTransferRequest request, CancellationToken cancellationToken = default)
    {
        var own = new RequestTransferRequest(request) { RequestedByInstitutionCode = InstitutionCode };
        return Call<RequestTransferRequest, Types.TransferRequest>("RequestTransfer", own, cancellationToken, _transfers);
    }

    /// <summary>R-TR-2: confirms, or refuses with a reason, a transfer this clinic must answer.</summary>
    public Task<Types.TransferRequest> AnswerTransferAsync(string requestId, string transferId, bool confirm, string rejectionReason,
        CancellationToken cancellationToken = default) =>
        Call<AnswerTransferRequest, Types.TransferRequest>("AnswerTransfer", new AnswerTransferRequest
        {
            RequestId = requestId, TransferId = transferId, AnsweringInstitutionCode = InstitutionCode, Confirm = confirm, RejectionReason = rejectionReason,
        }, cancellationToken, _transfers);

    public Task<Types.TransferRequest> GetTransferAsync(string transferId, CancellationToken cancellationToken = default) =>
        Call<GetTransferRequest, Types.TransferRequest>("GetTransfer", new GetTransferRequest { TransferId = transferId }, cancellationToken, _transfers);

    /// <summary>This clinic's transfers (as owner or prospective owner), newest first.</summary>
    public Task<ListTransfersResponse> ListTransfersAsync(Types.TransferState state, int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListTransfersRequest, ListTransfersResponse>("ListTransfers",
            new ListTransfersRequest { InstitutionCode = InstitutionCode, State = state, PageSize = pageSize, PageToken = pageToken }, cancellationToken, _transfers);

    /// <summary>R-TR-2: transfers this clinic must answer and its own waiting for an answer, oldest deadline first; then unread off-site notices (R-OS-3), oldest first.</summary>
    public Task<ListInboxResponse> ListInboxAsync(int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListInboxRequest, ListInboxResponse>("ListInbox",
            new ListInboxRequest { InstitutionCode = InstitutionCode, PageSize = pageSize, PageToken = pageToken }, cancellationToken, _inbox);
}
