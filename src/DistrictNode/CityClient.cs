using FileDescriptor = Google.Protobuf.Reflection.FileDescriptor;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>The district's calls to the city (master index, corrections, transfers, record lifecycle, off-site service, upload relay, event feed), identified as this district.</summary>
public sealed class CityClient(GrpcChannel channel, DistrictOptions options)
{
    private readonly ServiceClient _masterIndex = Service(channel, options.Code, MasterIndexReflection.Descriptor, "MasterIndexService");
    private readonly ServiceClient _corrections = Service(channel, options.Code, ServiceCorrectionsReflection.Descriptor, "ServiceCorrectionService");
    private readonly ServiceClient _transfers = Service(channel, options.Code, TransfersReflection.Descriptor, "TransferService");
    private readonly ServiceClient _lifecycle = Service(channel, options.Code, RecordLifecycleReflection.Descriptor, "RecordLifecycleService");
    private readonly ServiceClient _timeline = Service(channel, options.Code, RecordHomepageReflection.Descriptor, "RecordTimelineService");
    private readonly ServiceClient _relay = Service(channel, options.Code, ServiceRelayReflection.Descriptor, "ServiceRecordRelay");
    private readonly ServiceClient _offsiteSummary = Service(channel, options.Code, OffsiteServicesReflection.Descriptor, "OffsiteSummaryService");
    private readonly ServiceClient _accessAudit = Service(channel, options.Code, OffsiteServicesReflection.Descriptor, "AccessAuditService");
    private readonly ServiceClient _counts = Service(channel, options.Code, CountsReflection.Descriptor, "CountService");
    private readonly ServiceClient _feed = Service(channel, options.Code, DistrictEventsReflection.Descriptor, "DistrictEventFeed");
    private readonly ServiceClient _digests = Service(channel, options.Code, DigestExchangeReflection.Descriptor, "DigestExchangeService");
    private readonly ServiceClient _recordAccess = Service(channel, options.Code, RecordAccessReflection.Descriptor, "RecordAccessService");
    private readonly ServiceClient _historicImports = Service(channel, options.Code, HistoricImportReflection.Descriptor, "HistoricImportService");

    /// <summary>The headers of the user's call that the city needs too: their token (the city decides who reads, R-AC-2) and stated purpose.</summary>
    private static readonly string[] ForwardedHeaders = ["authorization", "hr-purpose"];

    /// <summary>R-CN-2: the stream on which the city asks this district for its index digests.</summary>
    public AsyncDuplexStreamingCall<DigestAnswer, DigestQuery> OpenDigestExchange(CancellationToken cancellationToken) =>
        _digests.DuplexStreaming<DigestAnswer, DigestQuery>("ExchangeDigests", new CallOptions(CancellationToken: cancellationToken));

    /// <summary>This district's event log at the city, from after the given sequence number, then as the city commits.</summary>
    public AsyncServerStreamingCall<Types.DistrictEvent> SubscribeDistrictEvents(long afterSequence, CancellationToken cancellationToken) =>
        _feed.ServerStreaming<SubscribeDistrictEventsRequest, Types.DistrictEvent>("SubscribeDistrictEvents",
            new SubscribeDistrictEventsRequest { DistrictCode = options.Code, AfterSequence = afterSequence },
            new CallOptions(CancellationToken: cancellationToken));

    /// <summary>The long-lived stream that carries committed uploads to the city.</summary>
    public AsyncDuplexStreamingCall<RelayServiceRecordsRequest, RelayServiceRecordsResponse> OpenRelay(CancellationToken cancellationToken) =>
        _relay.DuplexStreaming<RelayServiceRecordsRequest, RelayServiceRecordsResponse>("RelayServiceRecords",
            new CallOptions(CancellationToken: cancellationToken));

    /// <summary>Issue 8: a district IT's historic import stream, opened at the city with the user's token; no deadline; ends with the caller's call.</summary>
    public AsyncDuplexStreamingCall<ImportHistoricRecordsRequest, ImportHistoricRecordsResponse> OpenHistoricImport(ServerCallContext context, CancellationToken cancellationToken) =>
        _historicImports.DuplexStreaming<ImportHistoricRecordsRequest, ImportHistoricRecordsResponse>("ImportHistoricRecords",
            new CallOptions(Headers: Forwarded(context), CancellationToken: cancellationToken));

    public Task<TResponse> RelayHistoricImportAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_historicImports, method, request, context);

    public Task<EnrollResidentResponse> EnrollResidentAsync(EnrollResidentRequest request, ServerCallContext context) =>
        Relay<EnrollResidentRequest, EnrollResidentResponse>("EnrollResident", request, context);

    public Task<LookupEnrollmentResponse> LookupEnrollmentAsync(LookupEnrollmentRequest request, ServerCallContext context) =>
        Relay<LookupEnrollmentRequest, LookupEnrollmentResponse>("LookupEnrollment", request, context);

    public Task<Types.MasterIndexEntry> GetMasterIndexEntryAsync(GetMasterIndexEntryRequest request, ServerCallContext context) =>
        Relay<GetMasterIndexEntryRequest, Types.MasterIndexEntry>("GetMasterIndexEntry", request, context);

    public Task<Types.MasterIndexEntry> UpdateContactDetailsAsync(UpdateContactDetailsRequest request, ServerCallContext context) =>
        Relay<UpdateContactDetailsRequest, Types.MasterIndexEntry>("UpdateContactDetails", request, context);

    /// <summary>R-RC-3: a call of the city's ServiceCorrectionService, relayed like the master index calls.</summary>
    public Task<TResponse> RelayCorrectionAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_corrections, method, request, context);

    /// <summary>R-TR-1..5: a call of the city's TransferService, relayed like the master index calls.</summary>
    public Task<TResponse> RelayTransferAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_transfers, method, request, context);

    /// <summary>R-ST-1..7: a call of the city's RecordLifecycleService, filed with the city at once (R-ST-6).</summary>
    public Task<TResponse> RelayLifecycleAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_lifecycle, method, request, context);

    public Task<TResponse> RelayRecordAccessAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_recordAccess, method, request, context);

    public Task<TResponse> RelayTimelineAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_timeline, method, request, context);

    /// <summary>R-OS-1, R-OS-2: the city decides whether the serving clinic may see the resident, and audits the lookup.</summary>
    public Task<Types.OffsiteSummary> GetOffsiteSummaryAsync(GetOffsiteSummaryRequest request, ServerCallContext context) =>
        Relay<GetOffsiteSummaryRequest, Types.OffsiteSummary>(_offsiteSummary, "GetOffsiteSummary", request, context);

    public Task<ListAccessAuditResponse> ListAccessAuditAsync(ListAccessAuditRequest request, ServerCallContext context) =>
        Relay<ListAccessAuditRequest, ListAccessAuditResponse>(_accessAudit, "ListAccessAudit", request, context);

    /// <summary>R-OS-5: the city counts off-site services; the district holds no service records to count them.</summary>
    public Task<ListOffsiteServiceCountsResponse> ListOffsiteServiceCountsAsync(ListOffsiteServiceCountsRequest request, ServerCallContext context) =>
        Relay<ListOffsiteServiceCountsRequest, ListOffsiteServiceCountsResponse>(_counts, "ListOffsiteServiceCounts", request, context);

    private static Metadata? Forwarded(ServerCallContext context)
    {
        Metadata? headers = null;
        foreach (var name in ForwardedHeaders)
        {
            if (context.RequestHeaders.GetValue(name) is { } value)
                (headers ??= []).Add(name, value);
        }
        return headers;
    }

    /// <summary>A service of the city, every call to which is made as this district.</summary>
    private static ServiceClient Service(GrpcChannel channel, string districtCode, FileDescriptor file, string service) =>
        new(channel, file.FindTypeByName<ServiceDescriptor>(service),
            () => new Metadata { { Caller.Header, new Caller(CallerKind.District, districtCode).HeaderValue } });

    /// <summary>
    /// Calls the city within the caller's deadline and cancellation. The city's refusal is the
    /// answer: it is passed on with its status and details unchanged.
    /// </summary>
    private Task<TResponse> Relay<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Relay<TRequest, TResponse>(_masterIndex, method, request, context);

    private async Task<TResponse> Relay<TRequest, TResponse>(ServiceClient service, string method, TRequest request, ServerCallContext context)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        var deadline = DateTime.UtcNow + options.CityCallTimeout;
        if (context.Deadline < deadline)
            deadline = context.Deadline;
        try
        {
            return await service.UnaryAsync<TRequest, TResponse>(method, request,
                new CallOptions(Headers: Forwarded(context), Deadline: deadline, CancellationToken: context.CancellationToken));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The city node is unreachable: {e.Status.Detail}"));
        }
        catch (RpcException e)
        {
            throw e.RichStatus is not null ? new RpcException(e.RichStatus) : new RpcException(e.Status);
        }
    }
}
