using Google.Protobuf.Reflection;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// The services of each district node, called as one of its clinics (<c>hr-caller: institution:code</c>)
/// or as its IT (<c>district:code</c>), through one channel per district kept across restarts.
/// </summary>
internal sealed class HistoryClients : IDisposable
{
    private readonly Dictionary<string, DistrictClients> _districts = new(StringComparer.Ordinal);

    public HistoryClients(Federation federation)
    {
        foreach (var (code, node) in federation.Districts)
            _districts[code] = new DistrictClients(TestChannel.For(node.Address));
        City = TestChannel.For(federation.City.Address);
    }

    public GrpcChannel City { get; }

    public DistrictClients Of(string institutionOrDistrict) => _districts[institutionOrDistrict[..6]];

    public IEnumerable<string> DistrictCodes => _districts.Keys.Order(StringComparer.Ordinal);

    public static CallOptions As(CallOptions options, string caller) =>
        options with { Headers = CallerMetadata.For(caller) };

    public static CallOptions AsClinic(CallOptions options, string institution) => As(options, $"institution:{institution}");

    public void Dispose()
    {
        foreach (var district in _districts.Values)
            district.Channel.Dispose();
        City.Dispose();
    }
}

internal sealed class DistrictClients(GrpcChannel channel)
{
    public GrpcChannel Channel { get; } = channel;

    public ServiceClient Gateway { get; } = Service(channel, District.DistrictGatewayReflection.Descriptor, "DistrictGateway");

    public ServiceClient Transfers { get; } = Service(channel, District.TransfersReflection.Descriptor, "ClinicTransferService");

    public ServiceClient Lifecycle { get; } = Service(channel, District.RecordLifecycleReflection.Descriptor, "ClinicRecordLifecycleService");

    public Task<District.EnrollResidentResponse> EnrollAsync(District.EnrollResidentRequest request, CallOptions options) =>
        Gateway.UnaryAsync<District.EnrollResidentRequest, District.EnrollResidentResponse>("EnrollResident", request, options);

    public Task<Contracts.Types.V1.TransferRequest> RequestTransferAsync(District.RequestTransferRequest request, CallOptions options) =>
        Transfers.UnaryAsync<District.RequestTransferRequest, Contracts.Types.V1.TransferRequest>("RequestTransfer", request, options);

    public Task<Contracts.Types.V1.TransferRequest> AnswerTransferAsync(District.AnswerTransferRequest request, CallOptions options) =>
        Transfers.UnaryAsync<District.AnswerTransferRequest, Contracts.Types.V1.TransferRequest>("AnswerTransfer", request, options);

    public Task<Contracts.Types.V1.TransferRequest> GetTransferAsync(string transferId, CallOptions options) =>
        Transfers.UnaryAsync<District.GetTransferRequest, Contracts.Types.V1.TransferRequest>("GetTransfer", new() { TransferId = transferId }, options);

    public Task<Contracts.Types.V1.MasterIndexEntry> LifecycleAsync<TRequest>(string method, TRequest request, CallOptions options)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new() =>
        Lifecycle.UnaryAsync<TRequest, Contracts.Types.V1.MasterIndexEntry>(method, request, options);

    private static ServiceClient Service(GrpcChannel channel, FileDescriptor file, string name) =>
        new(channel, file.FindTypeByName<ServiceDescriptor>(name));
}
