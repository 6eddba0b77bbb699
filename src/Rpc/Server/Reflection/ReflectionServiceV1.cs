using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace HealthRecords.Rpc;

/// <summary>grpc.reflection.v1.ServerReflection over the services mapped on this server.</summary>
internal sealed class ReflectionServiceV1 : IGrpcService
{
    private readonly GrpcServiceRegistry _registry;
    private ReflectionIndex? _index;

    public ReflectionServiceV1(GrpcServiceRegistry registry) => _registry = registry;

    public ServiceDescriptor Descriptor { get; } = ReflectionReflection.Descriptor.Services.Single(s => s.Name == "ServerReflection");

    public void Bind(ServiceBinder binder) =>
        binder.DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", InfoAsync);

    private async Task InfoAsync(
        IAsyncStreamReader<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            await responses.WriteAsync(Answer(requests.Current), context.CancellationToken);
        }
    }

    /// <summary>One answer; shared with v1alpha, whose messages are wire-identical.</summary>
    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var index = CurrentIndex();
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(index.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFileByName(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, StatusCode.NotFound, $"Extension not found: {request.FileContainingExtension.ContainingType}({request.FileContainingExtension.ExtensionNumber})");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.IsMessageType(request.AllExtensionNumbersOfType))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                else
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }
                break;
            default:
                SetError(response, StatusCode.Unimplemented, "Request type not supported.");
                break;
        }
        return response;
    }

    private ReflectionIndex CurrentIndex()
    {
        var index = _index;
        if (index is null || index.Version != _registry.Version)
        {
            index = new ReflectionIndex(_registry.Services, _registry.Version);
            _index = index;
        }
        return index;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }
        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(ReflectionIndex.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
