using Google.Protobuf;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.MasterIndexService: translates messages to record grain commands and back.</summary>
public sealed class MasterIndexGrpcService(RecordGrains grains, IRecordStore store, CityTopology topology, TimeProvider clock) : IGrpcService
{
    public ServiceDescriptor Descriptor => MasterIndexReflection.Descriptor.FindTypeByName<ServiceDescriptor>("MasterIndexService");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<EnrollResidentRequest, EnrollResidentResponse>(nameof(EnrollResident), EnrollResident);
        binder.Unary<LookupEnrollmentRequest, LookupEnrollmentResponse>(nameof(LookupEnrollment), LookupEnrollment);
        binder.Unary<GetMasterIndexEntryRequest, Types.MasterIndexEntry>(nameof(GetMasterIndexEntry), GetMasterIndexEntry);
        binder.Unary<ListMasterIndexEntriesRequest, ListMasterIndexEntriesResponse>(nameof(ListMasterIndexEntries), ListMasterIndexEntries);
        binder.Unary<UpdateContactDetailsRequest, Types.MasterIndexEntry>(nameof(UpdateContactDetails), UpdateContactDetails);
    }

    private async Task<EnrollResidentResponse> EnrollResident(EnrollResidentRequest request, ServerCallContext context)
    {
        var command = new EnrollmentInput(request.RequestId, request.EnrollingInstitutionCode, request.EnrolledBy,
            request.ResidenceCommitteeCode, request.Identity.ToDomain(), request.Profile.ToDomain())
            .Validate(topology, Today());
        OwnDistrict.Require(context, command.DistrictCode, "enrolling_institution_code");
        var outcome = await grains.EnrollAsync(command, context.CancellationToken);
        if (outcome is EnrollmentOutcome.AlreadyEnrolled existing)
            throw AlreadyEnrolled(existing.Record); // R-ID-5
        return new EnrollResidentResponse { Entry = outcome.Record.ToProto() };
    }

    private async Task<LookupEnrollmentResponse> LookupEnrollment(LookupEnrollmentRequest request, ServerCallContext context)
    {
        var identity = IdentityKey.FromInput(request.Identity.ToDomain(), Today());
        var record = await grains.FindAsync(identity, context.CancellationToken);
        return record is null
            ? new LookupEnrollmentResponse { Enrolled = false }
            : new LookupEnrollmentResponse { Enrolled = true, Entry = record.ToProto() };
    }

    private async Task<Types.MasterIndexEntry> GetMasterIndexEntry(GetMasterIndexEntryRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        // R-MG-3: a merged-away record's number is an alias of its survivor.
        var record = await grains.GetCurrentAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
        return record.ToProto();
    }

    private async Task<ListMasterIndexEntriesResponse> ListMasterIndexEntries(ListMasterIndexEntriesRequest request, ServerCallContext context)
    {
        if (topology.FindDistrict(request.OwningDistrictCode) is null)
            throw new DomainValidationException([new FieldViolation("owning_district_code", $"'{request.OwningDistrictCode}' is not a district of {topology.CityName}.")]);
        OwnDistrict.Require(context, request.OwningDistrictCode, "owning_district_code");
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await store.ListByOwnerAsync(request.OwningDistrictCode, ProtoMapping.NullIfEmpty(request.OwningInstitutionCode),
            Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, r => r.Number.Value);
        var response = new ListMasterIndexEntriesResponse { NextPageToken = next };
        response.Entries.AddRange(items.Select(r => r.ToProto()));
        return response;
    }

    private async Task<Types.MasterIndexEntry> UpdateContactDetails(UpdateContactDetailsRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var institution = OwnDistrict.ActingInstitution(context, topology, request.InstitutionCode, "institution_code");
        var command = new UpdateContactDetails(request.RequestId, number, institution.Code, request.UpdatedBy,
            ProtoMapping.NullIfEmpty(request.Phone), ProtoMapping.NullIfEmpty(request.CurrentAddress), ProtoMapping.NullIfEmpty(request.Employer));
        var state = await grains.ExecuteOnceAsync(number, command.RequestId, (s, now) => RecordDecider.Decide(s, command, now), context.CancellationToken);
        return state.ToProto();
    }

    /// <summary>R-ID-5: no second record; the caller learns the existing number and owner.</summary>
    private static RpcException AlreadyEnrolled(RecordState existing) =>
        new(new Google.Rpc.Status
        {
            Code = (int)StatusCode.AlreadyExists,
            Message = $"Already enrolled as record {existing.Number}, owned by {existing.OwnerInstitution} " +
                      $"(district {existing.OwnerDistrict}). A transfer may be requested instead (R-ID-5).",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(new Types.ExistingEnrollment { Entry = existing.ToProto() }) },
        });

    private DateOnly Today() => clock.Today();
}
