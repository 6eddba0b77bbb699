using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using DistrictContracts = HealthRecords.Contracts.District.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicRecordLifecycleService: status changes are filed with the city at
/// once (R-ST-6), unchanged; the district checks only whom its caller may act for. The index follows
/// from the city's events.
/// </summary>
public sealed class ClinicRecordLifecycleGrpcService(CityClient city, DistrictIndex index, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor =>
        DistrictContracts.RecordLifecycleReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicRecordLifecycleService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<ListLostToFollowUpCandidatesRequest, ListLostToFollowUpCandidatesResponse>(nameof(ListLostToFollowUpCandidates), ListLostToFollowUpCandidates)
        .Unary<MarkLostToFollowUpRequest, Types.MasterIndexEntry>(nameof(MarkLostToFollowUp), MarkLostToFollowUp)
        .Unary<RecordDeathRequest, Types.MasterIndexEntry>(nameof(RecordDeath), RecordDeath)
        .Unary<RecordMoveOutRequest, Types.MasterIndexEntry>(nameof(RecordMoveOut), RecordMoveOut)
        .Unary<ReactivateRecordRequest, Types.MasterIndexEntry>(nameof(ReactivateRecord), ReactivateRecord)
        .Unary<ListRecordHistoryRequest, ListRecordHistoryResponse>(nameof(ListRecordHistory), ListRecordHistory)
        .Unary<RekeyIdentityRequest, Types.MasterIndexEntry>(nameof(RekeyIdentity), RekeyIdentity)
        .Unary<CorrectBasicInformationRequest, Types.MasterIndexEntry>(nameof(CorrectBasicInformation), CorrectBasicInformation);

    /// <summary>R-ST-2: proposed only; a person confirms each.</summary>
    private Task<ListLostToFollowUpCandidatesResponse> ListLostToFollowUpCandidates(ListLostToFollowUpCandidatesRequest request, ServerCallContext context) =>
        Relay<ListLostToFollowUpCandidatesRequest, ListLostToFollowUpCandidatesResponse>(nameof(ListLostToFollowUpCandidates), request, request.InstitutionCode, context);

    private Task<Types.MasterIndexEntry> MarkLostToFollowUp(MarkLostToFollowUpRequest request, ServerCallContext context) =>
        Relay<MarkLostToFollowUpRequest, Types.MasterIndexEntry>(nameof(MarkLostToFollowUp), request, request.InstitutionCode, context);

    private Task<Types.MasterIndexEntry> RecordDeath(RecordDeathRequest request, ServerCallContext context) =>
        Relay<RecordDeathRequest, Types.MasterIndexEntry>(nameof(RecordDeath), request, request.InstitutionCode, context);

    private Task<Types.MasterIndexEntry> RecordMoveOut(RecordMoveOutRequest request, ServerCallContext context) =>
        Relay<RecordMoveOutRequest, Types.MasterIndexEntry>(nameof(RecordMoveOut), request, request.InstitutionCode, context);

    private Task<Types.MasterIndexEntry> ReactivateRecord(ReactivateRecordRequest request, ServerCallContext context) =>
        Relay<ReactivateRecordRequest, Types.MasterIndexEntry>(nameof(ReactivateRecord), request, request.InstitutionCode, context);

    /// <summary>R-ID-3: the city answers ALREADY_EXISTS when the ID number is enrolled elsewhere; relayed unchanged.</summary>
    private Task<Types.MasterIndexEntry> RekeyIdentity(RekeyIdentityRequest request, ServerCallContext context) =>
        Relay<RekeyIdentityRequest, Types.MasterIndexEntry>(nameof(RekeyIdentity), request, request.InstitutionCode, context);

    /// <summary>R-ID-6: the city decides (owning clinic, consent); relayed unchanged.</summary>
    private Task<Types.MasterIndexEntry> CorrectBasicInformation(CorrectBasicInformationRequest request, ServerCallContext context) =>
        Relay<CorrectBasicInformationRequest, Types.MasterIndexEntry>(nameof(CorrectBasicInformation), request, request.InstitutionCode, context);

    /// <summary>R-ST-7: only a record owned, or formerly owned (its copy closed by a transfer, R-TR-6), by the caller's clinics.</summary>
    private async Task<ListRecordHistoryResponse> ListRecordHistory(ListRecordHistoryRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber).Value;
        var caller = context.GetCaller();
        var entry = await index.GetAsync(number, context.CancellationToken);
        // District IT: any record in the district's index (a record that moved away keeps its row there).
        var allowed = caller.Kind == CallerKind.District
            ? entry is not null
            : entry?.OwnerInstitution == caller.Code || await index.IsClosedAtAsync(number, caller.Code, context.CancellationToken);
        // The district's copy follows the city a moment later: a record the clinic just enrolled may not be here yet.
        if (!allowed && caller.Kind == CallerKind.Institution && entry is null)
            allowed = (await city.GetMasterIndexEntryAsync(new GetMasterIndexEntryRequest { RecordNumber = number }, context)).OwningInstitutionCode == caller.Code;
        if (!allowed)
            throw ClinicScope.NotOwnInstitution($"Record {number} is not owned, nor was it owned, by {(caller.Kind == CallerKind.District ? $"a clinic of district {district.Code}" : caller.Code)}.",
                "record_number");
        return await city.RelayLifecycleAsync<ListRecordHistoryRequest, ListRecordHistoryResponse>(nameof(ListRecordHistory), request, context);
    }

    private Task<TResponse> Relay<TRequest, TResponse>(string method, TRequest request, string institutionCode, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        ClinicScope.RequireActingFor(context, district, institutionCode, "institution_code");
        return city.RelayLifecycleAsync<TRequest, TResponse>(method, request, context);
    }
}
