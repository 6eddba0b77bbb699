using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace HealthRecords.Rpc.Tests;

public sealed class ReflectionTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly string[] ExpectedServices =
    [
        "healthrecords.testing.v1.EchoService",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    private async Task<List<V1.ServerReflectionResponse>> AskV1Async(params V1.ServerReflectionRequest[] requests)
    {
        var service = V1.ReflectionReflection.Descriptor.Services.Single();
        using var call = fixture.Channel.DuplexStreamingCall(Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse>.Create(service, "ServerReflectionInfo"));
        var answers = new List<V1.ServerReflectionResponse>();
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext());
            answers.Add(call.ResponseStream.Current);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        return answers;
    }

    private static List<string> FileNames(V1.ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();

    [Fact]
    public async Task V1_lists_every_mapped_service()
    {
        var answer = (await AskV1Async(new V1.ServerReflectionRequest { ListServices = "", Host = "h" })).Single();

        Assert.Equal(ExpectedServices.Order(), answer.ListServicesResponse.Service.Select(s => s.Name).Order());
        Assert.Equal("h", answer.ValidHost);
        Assert.Equal(V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices, answer.OriginalRequest.MessageRequestCase);
    }

    [Fact]
    public async Task V1_returns_the_file_of_a_symbol_with_its_transitive_imports()
    {
        var answers = await AskV1Async(
            new V1.ServerReflectionRequest { FileContainingSymbol = "healthrecords.testing.v1.EchoService" },
            new V1.ServerReflectionRequest { FileContainingSymbol = "healthrecords.testing.v1.EchoService.Chat" },
            new V1.ServerReflectionRequest { FileContainingSymbol = "healthrecords.testing.v1.EchoRequest" },
            new V1.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus" });

        Assert.Equal(["echo.proto", "google/rpc/status.proto", "google/protobuf/any.proto"], FileNames(answers[0]));
        Assert.Equal("echo.proto", FileNames(answers[1])[0]);
        Assert.Equal("echo.proto", FileNames(answers[2])[0]);
        Assert.Equal(["grpc/health/v1/health.proto"], FileNames(answers[3]));

        // The files are complete enough to rebuild descriptors from, as a reflection client does.
        var files = FileDescriptor.BuildFromByteStrings(answers[0].FileDescriptorResponse.FileDescriptorProto.Reverse());
        var echo = files.Single(f => f.Name == "echo.proto");
        Assert.True(echo.FindTypeByName<ServiceDescriptor>("EchoService").FindMethodByName("Chat").IsServerStreaming);
    }

    [Fact]
    public async Task V1_answers_file_by_name_and_reports_unknowns_as_not_found()
    {
        var answers = await AskV1Async(
            new V1.ServerReflectionRequest { FileByFilename = "grpc/reflection/v1/reflection.proto" },
            new V1.ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" },
            new V1.ServerReflectionRequest { FileByFilename = "nope.proto" },
            new V1.ServerReflectionRequest { FileContainingExtension = new V1.ExtensionRequest { ContainingType = "healthrecords.testing.v1.EchoRequest", ExtensionNumber = 100 } },
            new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "healthrecords.testing.v1.EchoRequest" });

        Assert.Equal(["grpc/reflection/v1/reflection.proto"], FileNames(answers[0]));
        Assert.Equal((int)StatusCode.NotFound, answers[1].ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, answers[2].ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, answers[3].ErrorResponse.ErrorCode);
        Assert.Equal("healthrecords.testing.v1.EchoRequest", answers[4].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(answers[4].AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task V1alpha_answers_like_v1()
    {
        var service = V1Alpha.ReflectionReflection.Descriptor.Services.Single();
        using var call = fixture.Channel.DuplexStreamingCall(Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>.Create(service, "ServerReflectionInfo"));

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "*" });
        Assert.True(await call.ResponseStream.MoveNext());
        var list = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order().ToList();

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "healthrecords.testing.v1.FailRequest" });
        Assert.True(await call.ResponseStream.MoveNext());
        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        await call.RequestStream.CompleteAsync();

        Assert.Equal(ExpectedServices.Order(), list);
        Assert.Equal("echo.proto", file.Name);
        Assert.Contains(file.MessageType, m => m.Name == "FailRequest");
    }
}
