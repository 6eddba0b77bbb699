using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using City = HealthRecords.Contracts.City.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.DistrictGateway. Enrollment and lookups go to the city, which alone
/// decides uniqueness (R-ID-1). The district's own index is not written here: it changes only by
/// applying the city's events (<see cref="CityEventFollower"/>), so it holds what the city committed.
/// </summary>
public sealed class DistrictGatewayGrpcService(CityClient city, DistrictIndex index, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor => DistrictGatewayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictGateway");

    public void Bind(ServiceBinder binder)
    {
        binder.Unary<EnrollResidentRequest, EnrollResidentResponse>(nameof(EnrollResident), EnrollResident);
        binder.Unary<LookupEnrollmentRequest, LookupEnrollmentResponse>(nameof(LookupEnrollment), LookupEnrollment);
        binder.Unary<GetMasterIndexEntryRequest, Types.MasterIndexEntry>(nameof(GetMasterIndexEntry), GetMasterIndexEntry);
        binder.Unary<ListDistrictRecordsRequest, ListDistrictRecordsResponse>(nameof(ListDistrictRecords), ListDistrictRecords);
        binder.Unary<UpdateContactDetailsRequest, Types.MasterIndexEntry>(nameof(UpdateContactDetails), UpdateContactDetails);
    }

    private async Task<EnrollResidentResponse> EnrollResident(EnrollResidentRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.EnrollingInstitutionCode, "enrolling_institution_code");
        var response = await city.EnrollResidentAsync(new City.EnrollResidentRequest
        {
            RequestId = request.RequestId,
            EnrollingInstitutionCode = request.EnrollingInstitutionCode,
            EnrolledBy = request.EnrolledBy,
            ResidenceCommitteeCode = request.ResidenceCommitteeCode,
            Identity = request.Identity,
            Profile = request.Profile,
        }, context);
        return new EnrollResidentResponse { Entry = response.Entry };
    }

    private async Task<LookupEnrollmentResponse> LookupEnrollment(LookupEnrollmentRequest request, ServerCallContext context)
    {
        var response = await city.LookupEnrollmentAsync(new City.LookupEnrollmentRequest { Identity = request.Identity }, context);
        return new LookupEnrollmentResponse { Enrolled = response.Enrolled, Entry = response.Entry };
    }

    private Task<Types.MasterIndexEntry> GetMasterIndexEntry(GetMasterIndexEntryRequest request, ServerCallContext context) =>
        city.GetMasterIndexEntryAsync(new City.GetMasterIndexEntryRequest { RecordNumber = request.RecordNumber }, context);

    private async Task<ListDistrictRecordsResponse> ListDistrictRecords(ListDistrictRecordsRequest request, ServerCallContext context)
    {
        var institution = ProtoMapping.NullIfEmpty(request.OwningInstitutionCode);
        if (institution is not null)
            RequireActingFor(context, institution, "owning_institution_code");
        else if (context.GetCaller().Kind != CallerKind.District)
            throw RpcErrors.InvalidArgument("A clinic lists its own records: set owning_institution_code.",
                ("owning_institution_code", "is required when the caller is a clinic."));
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await index.ListAsync(institution, Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, e => e.RecordNumber);
        var response = new ListDistrictRecordsResponse { NextPageToken = next };
        response.Entries.AddRange(items.Select(e => e.ToProto()));
        return response;
    }

    private async Task<Types.MasterIndexEntry> UpdateContactDetails(UpdateContactDetailsRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.InstitutionCode, "institution_code");
        // R-TR-6: after a transfer the former owner's copy takes no cover or basic-information edits.
        if (await index.IsClosedAtAsync(request.RecordNumber, request.InstitutionCode, context.CancellationToken))
            throw new DomainRuleViolation("R-TR-6", request.RecordNumber,
                $"Record {request.RecordNumber} was transferred away from {request.InstitutionCode}; its copy there is closed for edits.");
        return await city.UpdateContactDetailsAsync(new City.UpdateContactDetailsRequest
        {
            RequestId = request.RequestId,
            RecordNumber = request.RecordNumber,
            InstitutionCode = request.InstitutionCode,
            UpdatedBy = request.UpdatedBy,
            Phone = request.Phone,
            CurrentAddress = request.CurrentAddress,
            Employer = request.Employer,
        }, context);
    }

    private void RequireActingFor(ServerCallContext context, string institutionCode, string field) =>
        ClinicScope.RequireActingFor(context, district, institutionCode, field);
}
