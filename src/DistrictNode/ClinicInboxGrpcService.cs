using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicInboxService: what waits for one clinic's staff (R-TR-2), from the
/// district's copy of the city's transfer events: requests it must answer, and its own still unanswered.
/// </summary>
public sealed class ClinicInboxGrpcService(DistrictTransfers transfers, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor => InboxReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicInboxService");

    public void Bind(ServiceBinder binder) => binder.Unary<ListInboxRequest, ListInboxResponse>(nameof(ListInbox), ListInbox);

    private async Task<ListInboxResponse> ListInbox(ListInboxRequest request, ServerCallContext context)
    {
        var institution = ClinicScope.Of(context, district, request.InstitutionCode, "institution_code")
            ?? throw RpcErrors.InvalidArgument("An inbox is one clinic's: set institution_code.",
                ("institution_code", "is required when the caller is the district's IT."));
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await transfers.InboxAsync(institution, TransferPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, t => TransferPageTokens.Key(t.DueAt.ToUnixTimeMilliseconds(), t.TransferId));
        var response = new ListInboxResponse { NextPageToken = next };
        response.Items.AddRange(items.Select(t => t.AnsweringInstitution == institution
            ? new InboxItem { TransferToAnswer = t.ToProto() } // R-TR-2: to confirm or refuse before due_at
            : new InboxItem { TransferAwaitingAnswer = t.ToProto() }));
        return response;
    }
}
