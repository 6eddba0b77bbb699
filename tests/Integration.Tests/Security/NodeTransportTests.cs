using Google.Protobuf.Reflection;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>R-AC-5: a node serves mutual TLS, or cleartext only when told so explicitly (development).</summary>
public sealed class NodeTransportTests : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("hr-transport-").FullName;
    private readonly List<NodeProcess> _nodes = [];

    [Fact]
    public async Task Node_WithoutTlsAndWithoutAllowCleartext_RefusesToStart()
    {
        // R-AC-5: no certificate files and no Grpc:AllowCleartext.
        var node = Start("CityNode", new() { ["Grpc:Tls:Certificate"] = "" });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("exited", e.Message);
        Assert.Contains("refuses to start without mutual TLS", node.Output);
        Assert.Contains("Grpc:AllowCleartext=true", node.Output);
    }

    [Fact]
    public async Task Node_WithAllowCleartext_IdentifiesCallersByTheirHeader()
    {
        // R-AC-5 development mode: cleartext h2c, the hr-caller header alone identifies the caller.
        var node = Start("DistrictNode", new()
        {
            ["Grpc:AllowCleartext"] = "true", ["District:Code"] = "500103", ["District:CityAddress"] = "http://127.0.0.1:1",
        });
        await node.StartAsync();
        using var channel = GrpcChannel.ForAddress(node.Address);
        var gateway = new ServiceClient(channel, District.DistrictGatewayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictGateway"));

        var e = await Assert.ThrowsAsync<RpcException>(() => gateway.UnaryAsync<District.LookupEnrollmentRequest, District.LookupEnrollmentResponse>(
            "LookupEnrollment", new District.LookupEnrollmentRequest { Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(970_101) } },
            new CallOptions(Headers: new Metadata { { "hr-caller", "institution:500105C01" } }, Deadline: DateTime.UtcNow.AddSeconds(10))));

        Assert.StartsWith("http://", node.Address);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("CALLER_NOT_ALLOWED", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private NodeProcess Start(string project, Dictionary<string, string> settings)
    {
        settings["Storage:DataDirectory"] = Path.Combine(_data, project);
        settings["Topology:Path"] = RepoPaths.Topology;
        var node = new NodeProcess(project, project, FreePort.Next(), settings);
        _nodes.Add(node);
        return node;
    }
}
