using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode.Merging;

/// <summary>
/// healthrecords.city.v1.DuplicateReviewService (R-ID-1, R-MG-1..3): translates messages to the
/// review queue, <see cref="MergeWorkflow"/> and the merges kept. City administrators only; every
/// call is audited (R-AC-5), noted before deciding so refusals are audited too.
/// </summary>
public sealed class DuplicateReviewGrpcService(DuplicateReviewStore reviews, RecordMergeStore merges, MergeWorkflow workflow, SqlRecordStore records) : IGrpcService
{
    private const string Purpose = "duplicate review";
    private const int DefaultCandidates = 20;
    private const int MaxCandidates = 100;

    public ServiceDescriptor Descriptor => DuplicateReviewReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DuplicateReviewService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<ListDuplicateCandidatesRequest, ListDuplicateCandidatesResponse>(nameof(ListDuplicateCandidates), ListDuplicateCandidates)
        .Unary<GetDuplicateCandidateRequest, Contracts.City.V1.DuplicateCandidate>(nameof(GetDuplicateCandidate), GetDuplicateCandidate)
        .Unary<ConfirmDuplicateRequest, Contracts.City.V1.RecordMerge>(nameof(ConfirmDuplicate), ConfirmDuplicate)
        .Unary<DismissDuplicateRequest, Contracts.City.V1.DuplicateCandidate>(nameof(DismissDuplicate), DismissDuplicate)
        .Unary<GetRecordMergeRequest, Contracts.City.V1.RecordMerge>(nameof(GetRecordMerge), GetRecordMerge)
        .Unary<ListRecordMergesRequest, ListRecordMergesResponse>(nameof(ListRecordMerges), ListRecordMerges);

    private async Task<ListDuplicateCandidatesResponse> ListDuplicateCandidates(ListDuplicateCandidatesRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(NullIfEmpty(request.RecordNumber), Purpose, "duplicate candidates listed"));
        context.RequireOperation(Operation.ReviewDuplicates);
        var pageSize = Paging.PageSize(request.PageSize, DefaultCandidates, MaxCandidates);
        var recordNumber = request.RecordNumber.Length == 0 ? null : DomainErrors.ParseRecordNumber(request.RecordNumber).Value;
        var status = request.Status == Contracts.City.V1.DuplicateReviewStatus.Unspecified ? (Grains.Merging.DuplicateReviewStatus?)null : (Grains.Merging.DuplicateReviewStatus)(int)request.Status;
        var after = TimedPageTokens.After(request.PageToken);
        var fetched = await reviews.ListAsync(status, recordNumber, NullIfEmpty(request.Source), after?.AtMs ?? long.MinValue, after?.Id ?? "",
            pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, q => TimedPageTokens.Key(q.Review.ProposedAt.ToUnixTimeMilliseconds(), q.Review.Pair.Key));
        var response = new ListDuplicateCandidatesResponse { NextPageToken = next };
        foreach (var queued in items)
            response.Candidates.Add(await CandidateAsync(queued, context.CancellationToken));
        return response;
    }

    private async Task<Contracts.City.V1.DuplicateCandidate> GetDuplicateCandidate(GetDuplicateCandidateRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Purpose, "duplicate candidate read", request.PairKey));
        context.RequireOperation(Operation.ReviewDuplicates);
        var pair = DuplicateReviewMapping.ParsePair(request.PairKey);
        return await CandidateAsync(await FindAsync(pair, context.CancellationToken), context.CancellationToken);
    }

    private async Task<Contracts.City.V1.RecordMerge> ConfirmDuplicate(ConfirmDuplicateRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Purpose, "duplicate confirmed", request.PairKey));
        var administrator = context.RequireOperation(Operation.ReviewDuplicates);
        var pair = DuplicateReviewMapping.ParsePair(request.PairKey);
        RequireRequestId(request.RequestId);
        var merge = await workflow.ConfirmAsync(pair, administrator.User, request.RequestId, context.CancellationToken);
        context.NoteAccess(new AccessNote(merge.MergedAwayNumber, Purpose, $"merged into {merge.SurvivorNumber}", merge.MergeId));
        return merge.ToProto();
    }

    private async Task<Contracts.City.V1.DuplicateCandidate> DismissDuplicate(DismissDuplicateRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Purpose, "duplicate dismissed", request.PairKey));
        var administrator = context.RequireOperation(Operation.ReviewDuplicates);
        var pair = DuplicateReviewMapping.ParsePair(request.PairKey);
        RequireRequestId(request.RequestId);
        var dismissed = await workflow.DismissAsync(pair, administrator.User, request.Reason, context.CancellationToken) ?? throw NotQueued(pair);
        return await CandidateAsync(dismissed, context.CancellationToken);
    }

    private async Task<Contracts.City.V1.RecordMerge> GetRecordMerge(GetRecordMergeRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(null, Purpose, "record merge read", request.MergeId));
        context.RequireOperation(Operation.ReviewDuplicates);
        if (string.IsNullOrWhiteSpace(request.MergeId))
            throw new DomainValidationException("merge_id", "must not be empty.");
        var merge = await merges.GetAsync(request.MergeId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"There is no record merge {request.MergeId}."));
        return merge.ToProto();
    }

    private async Task<ListRecordMergesResponse> ListRecordMerges(ListRecordMergesRequest request, ServerCallContext context)
    {
        context.NoteAccess(new AccessNote(NullIfEmpty(request.RecordNumber), Purpose, "record merges listed"));
        context.RequireOperation(Operation.ReviewDuplicates);
        var pageSize = Paging.PageSize(request.PageSize, DefaultCandidates, MaxCandidates);
        var recordNumber = request.RecordNumber.Length == 0 ? null : DomainErrors.ParseRecordNumber(request.RecordNumber).Value;
        var fetched = await merges.ListAsync(recordNumber, TimedPageTokens.After(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, m => TimedPageTokens.Key(m.MergedAt.ToUnixTimeMilliseconds(), m.MergeId));
        var response = new ListRecordMergesResponse { NextPageToken = next };
        response.Merges.AddRange(items.Select(m => m.ToProto()));
        return response;
    }

    private async Task<Contracts.City.V1.DuplicateCandidate> CandidateAsync(QueuedDuplicate queued, CancellationToken cancellationToken) =>
        queued.ToProto(await EvidenceAsync(queued.Review.Pair.First, cancellationToken), await EvidenceAsync(queued.Review.Pair.Second, cancellationToken));

    private async Task<DuplicateEvidence> EvidenceAsync(string number, CancellationToken cancellationToken)
    {
        var recordNumber = RecordNumber.Parse(number);
        return DuplicateEvidence.Of(await records.GetAsync(recordNumber, cancellationToken) ?? throw new RecordNotFoundException(recordNumber));
    }

    private async Task<QueuedDuplicate> FindAsync(RecordPair pair, CancellationToken cancellationToken) =>
        await reviews.GetAsync(pair, cancellationToken) ?? throw NotQueued(pair);

    private static RpcException NotQueued(RecordPair pair) => new(new Status(StatusCode.NotFound, $"Pair {pair} is not in the duplicate review queue."));

    private static void RequireRequestId(string requestId)
    {
        if (string.IsNullOrWhiteSpace(requestId))
            throw new DomainValidationException("request_id", "is required (it makes a retry safe).");
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
