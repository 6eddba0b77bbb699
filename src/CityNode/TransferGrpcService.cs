using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Transfers;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.TransferService: translates messages to <see cref="TransferWorkflow"/> and back.</summary>
public sealed class TransferGrpcService(TransferWorkflow workflow, TransferStore transfers, CityTopology topology) : IGrpcService
{
    public ServiceDescriptor Descriptor => TransfersReflection.Descriptor.FindTypeByName<ServiceDescriptor>("TransferService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<RequestTransferRequest, Types.TransferRequest>(nameof(RequestTransfer), RequestTransfer);
        binder.Unary<AnswerTransferRequest, Types.TransferRequest>(nameof(AnswerTransfer), AnswerTransfer);
        binder.Unary<GetTransferRequest, Types.TransferRequest>(nameof(GetTransfer), GetTransfer);
        binder.Unary<ListTransfersRequest, ListTransfersResponse>(nameof(ListTransfers), ListTransfers);
        binder.Unary<ListTransferOutcomesRequest, ListTransferOutcomesResponse>(nameof(ListTransferOutcomes), ListTransferOutcomes);
    }

    private async Task<Types.TransferRequest> RequestTransfer(RequestTransferRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var requestedBy = OwnDistrict.ActingInstitution(context, topology, request.RequestedByInstitutionCode, "requested_by_institution_code");
        var to = OwnDistrict.Institution(topology, request.ToInstitutionCode, "to_institution_code");
        var transfer = await workflow.RequestAsync(number, to, requestedBy, request.RequestId.Trim(),
            Defined((ConsentMethod)(int)request.ConsentMethod), Defined((TransferReason)(int)request.Reason), context.CancellationToken);
        return transfer.ToProto();
    }

    private async Task<Types.TransferRequest> AnswerTransfer(AnswerTransferRequest request, ServerCallContext context)
    {
        var answering = OwnDistrict.ActingInstitution(context, topology, request.AnsweringInstitutionCode, "answering_institution_code");
        var transfer = await workflow.AnswerAsync(request.TransferId, answering, request.Confirm,
            ProtoMapping.NullIfEmpty(request.RejectionReason), context.CancellationToken);
        return transfer.ToProto();
    }

    /// <summary>Readable by the districts of the two clinics only.</summary>
    private async Task<Types.TransferRequest> GetTransfer(GetTransferRequest request, ServerCallContext context)
    {
        var transfer = await workflow.GetAsync(request.TransferId, context.CancellationToken);
        var caller = context.GetCaller().Code;
        if (caller != transfer.FromDistrict && caller != transfer.ToDistrict)
            OwnDistrict.Require(context, transfer.FromDistrict, "transfer_id");
        return transfer.ToProto();
    }

    private async Task<ListTransfersResponse> ListTransfers(ListTransfersRequest request, ServerCallContext context)
    {
        var district = context.GetCaller().Code;
        var institution = ProtoMapping.NullIfEmpty(request.InstitutionCode);
        if (institution is not null)
            OwnDistrict.ActingInstitution(context, topology, institution, "institution_code");
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await transfers.ListAsync(institution, district, Defined((TransferState)(int)request.State),
            TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, t => TimedPageTokens.Key(t.RequestedAt.ToUnixTimeMilliseconds(), t.TransferId));
        var response = new ListTransfersResponse { NextPageToken = next };
        response.Transfers.AddRange(items.Select(t => t.ToProto()));
        return response;
    }

    /// <summary>R-TR-2: refused and overdue requests per answering clinic, every clinic of the district listed.</summary>
    private async Task<ListTransferOutcomesResponse> ListTransferOutcomes(ListTransferOutcomesRequest request, ServerCallContext context)
    {
        var districtCode = ProtoMapping.NullIfEmpty(request.DistrictCode) ?? context.GetCaller().Code;
        OwnDistrict.Require(context, districtCode, "district_code");
        var district = topology.FindDistrict(districtCode)!;
        var (codes, next) = Paging.Page(district.Institutions.Select(i => i.Code).Order(StringComparer.Ordinal), request.PageSize, request.PageToken, c => c);
        var items = await transfers.OutcomesAsync(codes, context.CancellationToken);
        var response = new ListTransferOutcomesResponse { NextPageToken = next };
        response.Outcomes.AddRange(items.Select(o => new TransferOutcomeCount
        {
            InstitutionCode = o.InstitutionCode, DistrictCode = districtCode,
            Pending = o.Pending, Confirmed = o.Confirmed, Refused = o.Refused, Overdue = o.Overdue,
        }));
        return response;
    }

    private static T? Defined<T>(T value) where T : struct, Enum => Enum.IsDefined(value) ? value : null;
}
