using Google.Protobuf.Reflection;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using V1 = Grpc.Reflection.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>Reflection-based tools (grpcurl, Postman, grpcui) can list and describe every node's services.</summary>
public sealed class ReflectionTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    [Theory]
    [InlineData("city", "healthrecords.city.v1.MasterIndexService", "healthrecords/city/v1/master_index.proto")]
    [InlineData("500105", "healthrecords.district.v1.DistrictGateway", "healthrecords/district/v1/district_gateway.proto")]
    public async Task Node_ListsAndDescribesItsServices(string node, string service, string file)
    {
        // Arrange
        var address = node == "city" ? fixture.Federation.City.Address : fixture.Federation.Districts[node].Address;
        using var channel = TestChannel.For(address);
        var method = Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse>.Create(
            V1.ReflectionReflection.Descriptor.Services.Single(), "ServerReflectionInfo");
        using var call = channel.DuplexStreamingCall(method);

        // Act: reflection needs no caller identity; it reveals schemas, no resident data.
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = service });
        Assert.True(await call.ResponseStream.MoveNext());
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        await call.RequestStream.CompleteAsync();

        // Assert
        Assert.Contains(service, services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
        Assert.Equal(file, files[0].Name);
        Assert.Contains("healthrecords/types/v1/identity.proto", files.Select(f => f.Name)); // dependencies come along
    }
}
