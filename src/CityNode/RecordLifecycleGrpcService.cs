using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.CityNode.Merging;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.RecordLifecycleService: status changes filed by the owning clinic (R-ST-1..7).</summary>
public sealed class RecordLifecycleGrpcService(RecordGrains grains, LostToFollowUpCandidates candidates, SqlRecordStore records,
    RekeyWorkflow rekeying, CityTopology topology, PolicyProfile policy, TimeProvider clock) : IGrpcService
{
    public ServiceDescriptor Descriptor => RecordLifecycleReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RecordLifecycleService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<ListLostToFollowUpCandidatesRequest, ListLostToFollowUpCandidatesResponse>(nameof(ListLostToFollowUpCandidates), ListLostToFollowUpCandidates);
        binder.Unary<MarkLostToFollowUpRequest, Types.MasterIndexEntry>(nameof(MarkLostToFollowUp), MarkLostToFollowUp);
        binder.Unary<RecordDeathRequest, Types.MasterIndexEntry>(nameof(RecordDeath), RecordDeath);
        binder.Unary<RecordMoveOutRequest, Types.MasterIndexEntry>(nameof(RecordMoveOut), RecordMoveOut);
        binder.Unary<ReactivateRecordRequest, Types.MasterIndexEntry>(nameof(ReactivateRecord), ReactivateRecord);
        binder.Unary<ListRecordHistoryRequest, ListRecordHistoryResponse>(nameof(ListRecordHistory), ListRecordHistory);
        binder.Unary<RekeyIdentityRequest, Types.MasterIndexEntry>(nameof(RekeyIdentity), RekeyIdentity);
        binder.Unary<CorrectBasicInformationRequest, Types.MasterIndexEntry>(nameof(CorrectBasicInformation), CorrectBasicInformation);
    }

    /// <summary>R-ST-2: proposed only; each is confirmed by a person with MarkLostToFollowUp.</summary>
    private async Task<ListLostToFollowUpCandidatesResponse> ListLostToFollowUpCandidates(ListLostToFollowUpCandidatesRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var cutoff = LifecycleDecider.LostToFollowUpCutoff(policy, clock.Today());
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await candidates.ListAsync(institution.Code, cutoff, Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, c => c.Record.Number.Value);
        var response = new ListLostToFollowUpCandidatesResponse { NextPageToken = next, Cutoff = ((DateOnly?)cutoff).ToProto() };
        response.Candidates.AddRange(items.Select(c => new Contracts.City.V1.LostToFollowUpCandidate { Entry = c.Record.ToProto(), LastServiceDate = c.LastServiceDate.ToProto() }));
        return response;
    }

    private async Task<Types.MasterIndexEntry> MarkLostToFollowUp(MarkLostToFollowUpRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var command = new MarkLostToFollowUp(request.RequestId, number, institution.Code, request.ConfirmedBy, request.Reason);
        var state = await grains.ExecuteOnceAsync(number, command.RequestId, async (s, now, ct) =>
            LifecycleDecider.Decide(s, command, await candidates.LastServiceDateAsync(number.Value, ct), policy, now), context.CancellationToken);
        return state.ToProto();
    }

    private async Task<Types.MasterIndexEntry> RecordDeath(RecordDeathRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var command = new RecordDeath(request.RequestId, number, institution.Code, request.RecordedBy,
            Date(request.DateOfDeath, "date_of_death"), request.Cause, Date(request.NoticeDate, "notice_date"));
        var state = await grains.ExecuteOnceAsync(number, command.RequestId, (s, now) => LifecycleDecider.Decide(s, command, policy, now), context.CancellationToken);
        return state.ToProto();
    }

    private async Task<Types.MasterIndexEntry> RecordMoveOut(RecordMoveOutRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var command = new RecordMoveOut(request.RequestId, number, institution.Code, request.RecordedBy,
            Date(request.LeftOn, "left_on"), request.Destination, request.Handover);
        var state = await grains.ExecuteOnceAsync(number, command.RequestId, (s, now) => LifecycleDecider.Decide(s, command, policy, now), context.CancellationToken);
        return state.ToProto();
    }

    /// <summary>R-ST-5: any clinic that serves the resident again may say so, with what brought them back.</summary>
    private async Task<Types.MasterIndexEntry> ReactivateRecord(ReactivateRecordRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        if (string.IsNullOrWhiteSpace(request.Cause))
            throw new DomainValidationException("cause", "is required: the service or contact that brought the resident back (R-ST-5)");
        var command = new Reactivate(request.RequestId, number, institution.Code, request.Cause.Trim());
        var state = await grains.ExecuteOnceAsync(number, command.RequestId, (s, now) => LifecycleDecider.Decide(s, command, now), context.CancellationToken);
        return state.ToProto();
    }

    /// <summary>R-ST-7: status and ownership changes with date and reason; for the districts of its present and former owners.</summary>
    private async Task<ListRecordHistoryResponse> ListRecordHistory(ListRecordHistoryRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var history = RecordHistory.Of(await records.ReadEventsAsync(number, context.CancellationToken));
        if (history.Count == 0)
            throw new RecordNotFoundException(number);
        var caller = context.GetCaller().Code;
        if (history.All(h => topology.FindInstitution(h.OwnerInstitution)?.DistrictCode != caller))
            OwnDistrict.Require(context, topology.FindInstitution(history[^1].OwnerInstitution)!.DistrictCode, "record_number");
        var pageSize = Paging.PageSize(request.PageSize);
        var after = long.TryParse(Paging.AfterKey(request.PageToken), out var v) ? v : 0;
        var fetched = history.Where(h => h.Version > after).Take(pageSize + 1).ToList();
        var (items, next) = Paging.Cut(fetched, pageSize, h => h.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = new ListRecordHistoryResponse { NextPageToken = next };
        response.Entries.AddRange(items.Select(h => new Contracts.City.V1.RecordHistoryEntry
        {
            Version = h.Version,
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(h.OccurredAt),
            Change = h.Change,
            Status = (Types.RecordStatus)(int)h.Status,
            OwningInstitutionCode = h.OwnerInstitution,
            InstitutionCode = h.FiledBy,
            Reason = h.Reason,
        }));
        return response;
    }

    /// <summary>R-ID-3: the new key, or ALREADY_EXISTS naming the record that holds the ID number (the pair is queued).</summary>
    private async Task<Types.MasterIndexEntry> RekeyIdentity(RekeyIdentityRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var command = new RekeyIdentity(request.RequestId, institution.Code, request.RecordedBy, request.Consent, request.CitizenIdNumber);
        return await rekeying.RekeyAsync(number, command, context.CancellationToken) switch
        {
            RekeyOutcome.Rekeyed r => r.Record.ToProto(),
            RekeyOutcome.Queued q => throw RpcErrors.WithErrorInfo(StatusCode.AlreadyExists,
                $"The ID number is already enrolled as record {q.Existing.Number}, owned by {q.Existing.OwnerInstitution}; " +
                $"the two records are in the duplicate review queue as {q.Pair} (R-ID-3).",
                "IDENTITY_ALREADY_ENROLLED", "healthrecords",
                new Dictionary<string, string> { ["record_number"] = q.Existing.Number.Value, ["pair_key"] = q.Pair.Key },
                new Types.ExistingEnrollment { Entry = q.Existing.ToProto() }),
            _ => throw new InvalidOperationException("Unknown re-keying outcome."),
        };
    }

    /// <summary>R-ID-6: name, sex, date of birth, with consent, by the owning clinic; unset fields stay.</summary>
    private async Task<Types.MasterIndexEntry> CorrectBasicInformation(CorrectBasicInformationRequest request, ServerCallContext context)
    {
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var command = new CorrectBasicInformation(request.RequestId, institution.Code, request.RecordedBy, request.Consent,
            request.Name.Length == 0 ? null : request.Name,
            request.Sex == Types.Sex.Unspecified ? null : (Sex)(int)request.Sex,
            request.DateOfBirth.ToDateOnly("date_of_birth"));
        var state = await grains.ExecuteOnceAsync(number, command.RequestId, (s, now) => BasicInformationDecider.Decide(s, command, now), context.CancellationToken);
        return state.ToProto();
    }

    private static DateOnly Date(Types.CalendarDate? date, string field) =>
        date.ToDateOnly(field) ?? throw new DomainValidationException(field, "is required");
}
