using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using DistrictContracts = HealthRecords.Contracts.District.V1;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.ClinicCorrectionService: corrections (R-RC-3) are the city's to decide
/// and keep; the district only checks who its caller may act for and passes the call on.
/// </summary>
public sealed class CorrectionGatewayGrpcService(CityClient city, District district) : IGrpcService
{
    public ServiceDescriptor Descriptor =>
        DistrictContracts.ServiceCorrectionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicCorrectionService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<RequestCorrectionRequest, ServiceCorrection>(nameof(RequestCorrection), RequestCorrection)
        .Unary<ApproveCorrectionRequest, ServiceCorrection>(nameof(ApproveCorrection), ApproveCorrection)
        .Unary<RejectCorrectionRequest, ServiceCorrection>(nameof(RejectCorrection), RejectCorrection)
        .Unary<GetCorrectionRequest, ServiceCorrection>(nameof(GetCorrection), GetCorrection)
        .Unary<ListCorrectionsRequest, ListCorrectionsResponse>(nameof(ListCorrections), ListCorrections)
        .Unary<ListServiceRecordVersionsRequest, ListServiceRecordVersionsResponse>(nameof(ListServiceRecordVersions), ListServiceRecordVersions);

    private Task<ServiceCorrection> RequestCorrection(RequestCorrectionRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.InstitutionCode);
        return city.RelayCorrectionAsync<RequestCorrectionRequest, ServiceCorrection>(nameof(RequestCorrection), request, context);
    }

    private Task<ServiceCorrection> ApproveCorrection(ApproveCorrectionRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.InstitutionCode);
        return city.RelayCorrectionAsync<ApproveCorrectionRequest, ServiceCorrection>(nameof(ApproveCorrection), request, context);
    }

    private Task<ServiceCorrection> RejectCorrection(RejectCorrectionRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.InstitutionCode);
        return city.RelayCorrectionAsync<RejectCorrectionRequest, ServiceCorrection>(nameof(RejectCorrection), request, context);
    }

    private Task<ServiceCorrection> GetCorrection(GetCorrectionRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.InstitutionCode);
        return city.RelayCorrectionAsync<GetCorrectionRequest, ServiceCorrection>(nameof(GetCorrection), request, context);
    }

    /// <summary>A clinic lists its own corrections (empty = its own); district IT any clinic's, or all (empty).</summary>
    private Task<ListCorrectionsResponse> ListCorrections(ListCorrectionsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (caller.Kind == CallerKind.Institution && string.IsNullOrWhiteSpace(request.InstitutionCode))
            request = new ListCorrectionsRequest(request) { InstitutionCode = caller.Code };
        else if (!string.IsNullOrWhiteSpace(request.InstitutionCode))
            RequireActingFor(context, request.InstitutionCode);
        return city.RelayCorrectionAsync<ListCorrectionsRequest, ListCorrectionsResponse>(nameof(ListCorrections), request, context);
    }

    private Task<ListServiceRecordVersionsResponse> ListServiceRecordVersions(ListServiceRecordVersionsRequest request, ServerCallContext context)
    {
        RequireActingFor(context, request.InstitutionCode);
        return city.RelayCorrectionAsync<ListServiceRecordVersionsRequest, ListServiceRecordVersionsResponse>(nameof(ListServiceRecordVersions), request, context);
    }

    /// <summary>
    /// A clinic acts for itself; the district's IT for any of the district's clinics. The city checks
    /// again that the institution is this district's; what a clinic may not do never leaves here.
    /// </summary>
    private void RequireActingFor(ServerCallContext context, string institutionCode)
    {
        var caller = context.GetCaller();
        var code = institutionCode.Trim();
        if (code.Length == 0)
            throw new DomainValidationException("institution_code", "must name the acting institution.");
        if (caller.Kind == CallerKind.Institution && code != caller.Code)
            throw new DomainValidationException("institution_code", $"{caller} acts for itself only, not for {code}.");
        if (district.Institutions.All(i => i.Code != code))
            throw new DomainValidationException("institution_code", $"'{code}' is not a clinic of district {district.Code}.");
    }
}
