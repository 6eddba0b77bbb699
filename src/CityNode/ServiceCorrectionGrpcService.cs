using System.Globalization;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.CityNode;

/// <summary>
/// healthrecords.city.v1.ServiceCorrectionService (R-RC-3): translates messages to the correction
/// workflow and back. Callers are districts acting for one of their institutions.
/// </summary>
public sealed class ServiceCorrectionGrpcService(CorrectionWorkflow corrections) : IGrpcService
{
    public ServiceDescriptor Descriptor => ServiceCorrectionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServiceCorrectionService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<RequestCorrectionRequest, ServiceCorrection>(nameof(RequestCorrection), RequestCorrection)
        .Unary<ApproveCorrectionRequest, ServiceCorrection>(nameof(ApproveCorrection), ApproveCorrection)
        .Unary<RejectCorrectionRequest, ServiceCorrection>(nameof(RejectCorrection), RejectCorrection)
        .Unary<GetCorrectionRequest, ServiceCorrection>(nameof(GetCorrection), GetCorrection)
        .Unary<ListCorrectionsRequest, ListCorrectionsResponse>(nameof(ListCorrections), ListCorrections)
        .Unary<ListServiceRecordVersionsRequest, ListServiceRecordVersionsResponse>(nameof(ListServiceRecordVersions), ListServiceRecordVersions);

    private async Task<ServiceCorrection> RequestCorrection(RequestCorrectionRequest request, ServerCallContext context)
    {
        var acting = corrections.ActingInstitution(context.GetCaller().Code, request.InstitutionCode);
        var stored = await corrections.RequestAsync(acting, request.CorrectionId.Trim(), request.UploadId.Trim(), request.RequestedBy, request.Reason,
            request.Evidence, new Dictionary<string, string>(request.ChangedMeasurements), request.ChangedMainProblems(), context.CancellationToken);
        return stored.ToProto();
    }

    private async Task<ServiceCorrection> ApproveCorrection(ApproveCorrectionRequest request, ServerCallContext context)
    {
        var acting = corrections.ActingInstitution(context.GetCaller().Code, request.InstitutionCode);
        return (await corrections.ApproveAsync(acting, request.CorrectionId.Trim(), request.Approver, context.CancellationToken)).ToProto();
    }

    private async Task<ServiceCorrection> RejectCorrection(RejectCorrectionRequest request, ServerCallContext context)
    {
        var acting = corrections.ActingInstitution(context.GetCaller().Code, request.InstitutionCode);
        return (await corrections.RejectAsync(acting, request.CorrectionId.Trim(), request.Approver, request.Reason, context.CancellationToken)).ToProto();
    }

    private async Task<ServiceCorrection> GetCorrection(GetCorrectionRequest request, ServerCallContext context)
    {
        var acting = corrections.ActingInstitution(context.GetCaller().Code, request.InstitutionCode);
        return (await corrections.GetOwnAsync(acting, request.CorrectionId.Trim(), context.CancellationToken)).ToProto();
    }

    private async Task<ListCorrectionsResponse> ListCorrections(ListCorrectionsRequest request, ServerCallContext context)
    {
        var institutions = corrections.ListedInstitutions(context.GetCaller().Code, ProtoMapping.NullIfEmpty(request.InstitutionCode));
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await corrections.ListAsync(institutions, request.State.ToDomain(), Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, c => c.Request.CorrectionId);
        var response = new ListCorrectionsResponse { NextPageToken = next };
        response.Corrections.AddRange(items.Select(c => c.ToProto()));
        return response;
    }

    private async Task<ListServiceRecordVersionsResponse> ListServiceRecordVersions(ListServiceRecordVersionsRequest request, ServerCallContext context)
    {
        var acting = corrections.ActingInstitution(context.GetCaller().Code, request.InstitutionCode);
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key && int.TryParse(key, CultureInfo.InvariantCulture, out var version) ? version : 0;
        var fetched = await corrections.ListVersionsAsync(acting, request.UploadId.Trim(), after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, v => v.Version.ToString(CultureInfo.InvariantCulture));
        var response = new ListServiceRecordVersionsResponse { NextPageToken = next };
        response.Versions.AddRange(items.Select(v => v.ToProto()));
        return response;
    }
}
