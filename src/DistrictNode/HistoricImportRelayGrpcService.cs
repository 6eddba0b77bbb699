using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.DistrictNode;

/// <summary>
/// healthrecords.district.v1.HistoricImportService (issue 8): the district IT's import stream,
/// relayed message for message to the city, which alone commits and answers; nothing is kept here,
/// so a reconnecting client resumes from what the city says it committed.
/// </summary>
public sealed class HistoricImportRelayGrpcService(CityClient city) : IGrpcService
{
    public ServiceDescriptor Descriptor =>
        Contracts.District.V1.HistoricImportReflection.Descriptor.FindTypeByName<ServiceDescriptor>("HistoricImportService");

    public void Bind(ServiceBinder binder) => binder
        .DuplexStreaming<ImportHistoricRecordsRequest, ImportHistoricRecordsResponse>(nameof(ImportHistoricRecords), ImportHistoricRecords)
        .Unary<GetHistoricImportRequest, HistoricImport>(GetMethod, (request, context) =>
            city.RelayHistoricImportAsync<GetHistoricImportRequest, HistoricImport>(GetMethod, request, RequireDistrictIt(context)))
        .Unary<ListHistoricImportsRequest, ListHistoricImportsResponse>(ListMethod, (request, context) =>
            city.RelayHistoricImportAsync<ListHistoricImportsRequest, ListHistoricImportsResponse>(ListMethod, request, RequireDistrictIt(context)));

    private const string GetMethod = "GetHistoricImport";
    private const string ListMethod = "ListHistoricImports";

    private async Task ImportHistoricRecords(IAsyncStreamReader<ImportHistoricRecordsRequest> requests,
        IServerStreamWriter<ImportHistoricRecordsResponse> responses, ServerCallContext context)
    {
        RequireDistrictIt(context);
        // Ends the relay when forwarding to the city fails, so the client is told instead of waiting.
        using var relay = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        using var call = city.OpenHistoricImport(context, relay.Token);
        var forwarding = ForwardAsync(requests, call.RequestStream, relay);
        try
        {
            while (await call.ResponseStream.MoveNext(relay.Token))
                await responses.WriteAsync(call.ResponseStream.Current, context.CancellationToken);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || context.CancellationToken.IsCancellationRequested)
        {
            // The city's refusal is the answer, passed on with its status and details.
            throw e.RichStatus is not null ? new RpcException(e.RichStatus) : new RpcException(e.Status);
        }
        catch (Exception e) when ((e is OperationCanceledException or RpcException) && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The city node is unreachable; reconnect with the same import_id to resume."));
        }
        finally
        {
            // The server reuses the request's stream once the handler returns: no read may outlive it.
            await relay.CancelAsync();
            await forwarding;
        }
    }

    private static async Task ForwardAsync(IAsyncStreamReader<ImportHistoricRecordsRequest> requests,
        IClientStreamWriter<ImportHistoricRecordsRequest> city, CancellationTokenSource relay)
    {
        try
        {
            while (await requests.MoveNext(relay.Token))
                await city.WriteAsync(requests.Current, relay.Token);
            await city.CompleteAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or HttpRequestException)
        {
            await relay.CancelAsync();
        }
    }

    /// <summary>The district's IT only: a clinic has no historic imports of its own.</summary>
    private static ServerCallContext RequireDistrictIt(ServerCallContext context) =>
        context.GetCaller().Kind == CallerKind.District
            ? context
            : throw RpcErrors.WithErrorInfo(StatusCode.PermissionDenied, $"{context.GetCaller()} may not import historic records; the district's IT does.",
                "NOT_DISTRICT_IT", "healthrecords");
}
