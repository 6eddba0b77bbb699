using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Transfers;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using City = HealthRecords.Contracts.City.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicTransferService. Requests, answers and lookups go to the city,
/// which records every transfer and alone changes an owner (R-TR-3); the district checks only whom
/// its caller may act for. Listings read the district's copy, kept from the city's events.
/// </summary>
public sealed class ClinicTransferGrpcService(CityClient city, DistrictTransfers transfers, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor => TransfersReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicTransferService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<RequestTransferRequest, Types.TransferRequest>(nameof(RequestTransfer), RequestTransfer)
        .Unary<AnswerTransferRequest, Types.TransferRequest>(nameof(AnswerTransfer), AnswerTransfer)
        .Unary<GetTransferRequest, Types.TransferRequest>(nameof(GetTransfer), GetTransfer)
        .Unary<ListTransfersRequest, ListTransfersResponse>(nameof(ListTransfers), ListTransfers);

    /// <summary>R-TR-2, R-TR-3: the requester is a clinic of this district (the owner or the prospective one; the city checks which).</summary>
    private Task<Types.TransferRequest> RequestTransfer(RequestTransferRequest request, ServerCallContext context)
    {
        ClinicScope.RequireActingFor(context, district, request.RequestedByInstitutionCode, "requested_by_institution_code");
        return city.RelayTransferAsync<City.RequestTransferRequest, Types.TransferRequest>(nameof(RequestTransfer), new City.RequestTransferRequest
        {
            RequestId = request.RequestId,
            RecordNumber = request.RecordNumber,
            ToInstitutionCode = request.ToInstitutionCode,
            RequestedByInstitutionCode = request.RequestedByInstitutionCode,
            ConsentMethod = request.ConsentMethod,
            Reason = request.Reason,
        }, context);
    }

    /// <summary>R-TR-2: the answering clinic acts for itself (district IT for its clinics); the city checks it is the side that did not ask.</summary>
    private Task<Types.TransferRequest> AnswerTransfer(AnswerTransferRequest request, ServerCallContext context)
    {
        ClinicScope.RequireActingFor(context, district, request.AnsweringInstitutionCode, "answering_institution_code");
        return city.RelayTransferAsync<City.AnswerTransferRequest, Types.TransferRequest>(nameof(AnswerTransfer), new City.AnswerTransferRequest
        {
            RequestId = request.RequestId,
            TransferId = request.TransferId,
            AnsweringInstitutionCode = request.AnsweringInstitutionCode,
            Confirm = request.Confirm,
            RejectionReason = request.RejectionReason,
        }, context);
    }

    /// <summary>From the city (the newest state); a clinic sees only transfers it is a party to.</summary>
    private async Task<Types.TransferRequest> GetTransfer(GetTransferRequest request, ServerCallContext context)
    {
        var transfer = await city.RelayTransferAsync<City.GetTransferRequest, Types.TransferRequest>(nameof(GetTransfer),
            new City.GetTransferRequest { TransferId = request.TransferId }, context);
        var caller = context.GetCaller();
        if (caller.Kind == CallerKind.Institution && caller.Code != transfer.FromInstitutionCode && caller.Code != transfer.ToInstitutionCode)
            throw ClinicScope.NotOwnInstitution($"{caller} is not a party to transfer {request.TransferId}.", "transfer_id");
        return transfer;
    }

    private async Task<ListTransfersResponse> ListTransfers(ListTransfersRequest request, ServerCallContext context)
    {
        var institution = ClinicScope.Of(context, district, request.InstitutionCode, "institution_code");
        var state = request.State == Types.TransferState.Unspecified ? (TransferState?)null : (TransferState)(int)request.State;
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await transfers.ListAsync(institution, state, TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, t => TimedPageTokens.Key(t.RequestedAt.ToUnixTimeMilliseconds(), t.TransferId));
        var response = new ListTransfersResponse { NextPageToken = next };
        response.Transfers.AddRange(items.Select(t => t.ToProto()));
        return response;
    }
}
