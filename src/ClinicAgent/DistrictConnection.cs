using Google.Protobuf.Reflection;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Rpc;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent;

/// <summary>A clinic's connection to its district node: the library face of the clinic agent.</summary>
public sealed partial class DistrictConnection : IDisposable
{
    private static readonly ServiceDescriptor Gateway =
        DistrictGatewayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictGateway");

    private static readonly ServiceDescriptor Uploads =
        ClinicUploadsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicUploadService");

    private readonly GrpcChannel _channel;
    private readonly ServiceClient _gateway;
    private readonly ServiceClient _uploads;

    /// <param name="userToken">The signed token of the clinic's user (R-AC-5), sent as <c>authorization: Bearer</c>; reads of residents' records need it.</param>
    /// <param name="channelOptions">The clinic's certificate and the federation's CA, for a district that requires mutual TLS (R-AC-5).</param>
    public DistrictConnection(string districtAddress, string institutionCode, TimeSpan? callTimeout = null, string? userToken = null,
        GrpcChannelOptions? channelOptions = null)
    {
        InstitutionCode = institutionCode;
        CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30);
        _channel = GrpcChannel.ForAddress(districtAddress, channelOptions);
        // Identifies this clinic on every call (DOMAIN.md: every call is made by an identified institution).
        Func<Metadata> asClinic = () => userToken is { Length: > 0 }
            ? new Metadata { { "hr-caller", $"institution:{institutionCode}" }, { "authorization", $"Bearer {userToken}" } }
            : new Metadata { { "hr-caller", $"institution:{institutionCode}" } };
        _gateway = new ServiceClient(_channel, Gateway, asClinic);
        _uploads = new ServiceClient(_channel, Uploads, asClinic);
        _corrections = new ServiceClient(_channel, Corrections, asClinic);
        _transfers = new ServiceClient(_channel, Transfers, asClinic);
        _inbox = new ServiceClient(_channel, Inbox, asClinic);
        _lifecycle = new ServiceClient(_channel, Lifecycle, asClinic);
        _offsite = new ServiceClient(_channel, Offsite, asClinic);
        _recordAccess = new ServiceClient(_channel, RecordAccess, asClinic);
    }

    public string InstitutionCode { get; }

    public TimeSpan CallTimeout { get; }

    public async Task<Types.MasterIndexEntry> EnrollAsync(EnrollResidentRequest request, CancellationToken cancellationToken = default) =>
        (await Call<EnrollResidentRequest, EnrollResidentResponse>("EnrollResident", request, cancellationToken)).Entry;

    public Task<LookupEnrollmentResponse> LookupAsync(Types.ResidentIdentity identity, CancellationToken cancellationToken = default) =>
        Call<LookupEnrollmentRequest, LookupEnrollmentResponse>("LookupEnrollment", new LookupEnrollmentRequest { Identity = identity }, cancellationToken);

    public Task<Types.MasterIndexEntry> GetEntryAsync(string recordNumber, CancellationToken cancellationToken = default) =>
        Call<GetMasterIndexEntryRequest, Types.MasterIndexEntry>("GetMasterIndexEntry", new GetMasterIndexEntryRequest { RecordNumber = recordNumber }, cancellationToken);

    public Task<ListDistrictRecordsResponse> ListRecordsAsync(int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListDistrictRecordsRequest, ListDistrictRecordsResponse>("ListDistrictRecords",
            new ListDistrictRecordsRequest { OwningInstitutionCode = InstitutionCode, PageSize = pageSize, PageToken = pageToken }, cancellationToken);

    public Task<Types.MasterIndexEntry> UpdateContactAsync(UpdateContactDetailsRequest request, CancellationToken cancellationToken = default) =>
        Call<UpdateContactDetailsRequest, Types.MasterIndexEntry>("UpdateContactDetails", request, cancellationToken);

    /// <summary>The upload stream: records out in groups, an acknowledgement for each record back.</summary>
    public AsyncDuplexStreamingCall<UploadServiceRecordsRequest, UploadServiceRecordsResponse> OpenUploadStream(CancellationToken cancellationToken) =>
        _uploads.DuplexStreaming<UploadServiceRecordsRequest, UploadServiceRecordsResponse>("UploadServiceRecords",
            new CallOptions(CancellationToken: cancellationToken));

    public Task<ListUploadedServiceRecordsResponse> ListUploadsAsync(bool rejectedOnly, int pageSize, string pageToken, CancellationToken cancellationToken = default) =>
        Call<ListUploadedServiceRecordsRequest, ListUploadedServiceRecordsResponse>("ListUploadedServiceRecords",
            new ListUploadedServiceRecordsRequest { RejectedOnly = rejectedOnly, PageSize = pageSize, PageToken = pageToken }, cancellationToken, _uploads);

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken cancellationToken, ServiceClient? client = null)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        (client ?? _gateway).UnaryAsync<TRequest, TResponse>(method, request,
            new CallOptions(Deadline: DateTime.UtcNow + CallTimeout, CancellationToken: cancellationToken));

    public void Dispose() => _channel.Dispose();
}
