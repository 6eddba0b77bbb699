using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicInboxService: what waits for one clinic's staff, from the district's
/// copy of the city's events: transfer requests it must answer and its own still unanswered (R-TR-2),
/// then its residents' services by other clinics not yet read (R-OS-3).
/// </summary>
public sealed class ClinicInboxGrpcService(DistrictTransfers transfers, OffsiteNotices notices, District district, TimeProvider clock) : IGrpcService
{
    public ServiceDescriptor Descriptor => InboxReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicInboxService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<ListInboxRequest, ListInboxResponse>(nameof(ListInbox), ListInbox)
        .Unary<ListOffsiteServiceNoticesRequest, ListOffsiteServiceNoticesResponse>(nameof(ListOffsiteServiceNotices), ListOffsiteServiceNotices)
        .Unary<MarkNoticeReadRequest, Types.OffsiteServiceNotice>(nameof(MarkNoticeRead), MarkNoticeRead);

    private async Task<ListInboxResponse> ListInbox(ListInboxRequest request, ServerCallContext context)
    {
        var institution = OneClinic(context, request.InstitutionCode, "An inbox");
        var pageSize = Paging.PageSize(request.PageSize);
        var position = InboxPageTokens.After(request.PageToken);
        var fetched = new List<(string Key, InboxItem Item)>();
        if (!position.InNotices)
            fetched.AddRange((await transfers.InboxAsync(institution, position.AfterTransfer, pageSize + 1, context.CancellationToken))
                .Select(t => (InboxPageTokens.Key(t), t.AnsweringInstitution == institution
                    ? new InboxItem { TransferToAnswer = t.ToProto() } // R-TR-2: to confirm or refuse before due_at
                    : new InboxItem { TransferAwaitingAnswer = t.ToProto() })));
        // R-OS-3: once the transfers are done, the unread notices; one row past the page tells that a next page exists.
        if (fetched.Count <= pageSize)
            fetched.AddRange((await notices.UnreadAsync(institution, position.AfterNotice, pageSize + 1 - fetched.Count, context.CancellationToken))
                .Select(n => (InboxPageTokens.Key(n), new InboxItem { OffsiteServiceNotice = n.ToProto() })));
        var (items, next) = Paging.Cut(fetched, pageSize, i => i.Key);
        var response = new ListInboxResponse { NextPageToken = next };
        response.Items.AddRange(items.Select(i => i.Item));
        return response;
    }

    private async Task<ListOffsiteServiceNoticesResponse> ListOffsiteServiceNotices(ListOffsiteServiceNoticesRequest request, ServerCallContext context)
    {
        var institution = OneClinic(context, request.InstitutionCode, "A clinic's notices");
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await notices.ListAsync(institution, request.UnreadOnly, TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, n => TimedPageTokens.Key(n.ReceivedAt.ToUnixTimeMilliseconds(), n.Notice.NoticeId));
        var response = new ListOffsiteServiceNoticesResponse { NextPageToken = next };
        response.Notices.AddRange(items.Select(n => n.ToProto()));
        return response;
    }

    /// <summary>R-OS-3: the owning clinic's staff saw it; the first reader stays recorded.</summary>
    private async Task<Types.OffsiteServiceNotice> MarkNoticeRead(MarkNoticeReadRequest request, ServerCallContext context)
    {
        ClinicScope.RequireActingFor(context, district, request.InstitutionCode, "institution_code");
        var (noticeId, readBy) = (request.NoticeId.Trim(), request.ReadBy.Trim());
        var violations = new List<FieldViolation>();
        if (noticeId.Length == 0)
            violations.Add(new("notice_id", "is required."));
        if (readBy.Length == 0)
            violations.Add(new("read_by", "is required: the staff member who read the notice."));
        else if (readBy.Length > ServiceRecordRules.MaxStaffLength)
            violations.Add(new("read_by", $"must be at most {ServiceRecordRules.MaxStaffLength} characters, got {readBy.Length}."));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        // Another clinic's notice is not found, like an unknown one: a clinic does not learn of other clinics' residents.
        var notice = await notices.MarkReadAsync(request.InstitutionCode, noticeId, readBy, clock.UtcNowMs(), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Institution {request.InstitutionCode} has no off-site service notice {noticeId}."));
        return notice.ToProto();
    }

    /// <summary>These lists are one clinic's: a clinic's own (empty = its own), or one that district IT names.</summary>
    private string OneClinic(ServerCallContext context, string requested, string what) =>
        ClinicScope.Of(context, district, requested, "institution_code")
        ?? throw RpcErrors.InvalidArgument($"{what} is one clinic's: set institution_code.",
            ("institution_code", "is required when the caller is the district's IT."));
}
