using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace HealthRecords.Rpc;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, still the one many tools ask for. Its messages are
/// wire-identical to v1, so requests are re-read as v1 and answered by the v1 service.
/// </summary>
internal sealed class ReflectionServiceV1Alpha : IGrpcService
{
    private readonly ReflectionServiceV1 _v1;

    public ReflectionServiceV1Alpha(GrpcServiceRegistry registry) => _v1 = new ReflectionServiceV1(registry);

    public ServiceDescriptor Descriptor { get; } =
        V1Alpha.ReflectionReflection.Descriptor.Services.Single(s => s.Name == "ServerReflection");

    public void Bind(ServiceBinder binder) =>
        binder.DuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", InfoAsync);

    private async Task InfoAsync(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requests,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
            var answer = _v1.Answer(request);
            await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken);
        }
    }
}
