using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using DistrictContracts = HealthRecords.Contracts.District.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicOffsiteService: off-site service for the district's clinics
/// (R-OS-1, R-OS-2, R-OS-5). The city decides, audits and counts; the district checks only whom its
/// caller may act for or read about, and passes the request on; the city's refusals come back unchanged.
/// </summary>
public sealed class ClinicOffsiteGrpcService(CityClient city, DistrictIndex index, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor =>
        DistrictContracts.OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicOffsiteService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<GetOffsiteSummaryRequest, Types.OffsiteSummary>(nameof(GetOffsiteSummary), GetOffsiteSummary)
        .Unary<ListAccessAuditRequest, ListAccessAuditResponse>(nameof(ListAccessAudit), ListAccessAudit)
        .Unary<ListOffsiteServiceCountsRequest, ListOffsiteServiceCountsResponse>(nameof(ListOffsiteServiceCounts), ListOffsiteServiceCounts);

    /// <summary>R-OS-2: the serving clinic acts for itself (district IT for its clinics); the city decides whether it may see the resident.</summary>
    private Task<Types.OffsiteSummary> GetOffsiteSummary(GetOffsiteSummaryRequest request, ServerCallContext context)
    {
        ClinicScope.RequireActingFor(context, district, request.ServingInstitutionCode, "serving_institution_code");
        return city.GetOffsiteSummaryAsync(request, context);
    }

    /// <summary>R-AC-5: the lookups a clinic made, or the lookups of records it owns; district IT's, for any of its clinics.</summary>
    private async Task<ListAccessAuditResponse> ListAccessAudit(ListAccessAuditRequest request, ServerCallContext context)
    {
        if (request.RecordNumber.Length == 0 && request.InstitutionCode.Length == 0)
            throw new DomainValidationException([
                new FieldViolation("record_number", "or institution_code is required."),
                new FieldViolation("institution_code", "or record_number is required."),
            ]);
        if (request.InstitutionCode.Length > 0)
            ClinicScope.RequireActingFor(context, district, request.InstitutionCode, "institution_code");
        if (request.RecordNumber.Length > 0)
            await RequireOwnRecordAsync(request.RecordNumber, context);
        return await city.ListAccessAuditAsync(request, context);
    }

    /// <summary>R-OS-5: this district's counts only; the district's own code is what the city is asked for.</summary>
    private Task<ListOffsiteServiceCountsResponse> ListOffsiteServiceCounts(ListOffsiteServiceCountsRequest request, ServerCallContext context)
    {
        if (request.DistrictCode.Length > 0 && request.DistrictCode != district.Code)
            throw ClinicScope.NotOwnDistrict($"District {district.Code} answers for its own clinics, not for district {request.DistrictCode}.", "district_code");
        return city.ListOffsiteServiceCountsAsync(new ListOffsiteServiceCountsRequest(request) { DistrictCode = district.Code }, context);
    }

    /// <summary>The record is owned, in the district's index, by the calling clinic; for district IT, by one of its clinics.</summary>
    private async Task RequireOwnRecordAsync(string recordNumber, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(recordNumber).Value;
        var caller = context.GetCaller();
        var entry = await index.GetAsync(number, context.CancellationToken);
        var owned = caller.Kind == CallerKind.District ? entry?.OwnerDistrict == district.Code : entry?.OwnerInstitution == caller.Code;
        if (!owned)
            throw ClinicScope.NotOwnInstitution(
                $"Record {number} is not owned by {(caller.Kind == CallerKind.District ? $"a clinic of district {district.Code}" : caller.Code)}.", "record_number");
    }
}
