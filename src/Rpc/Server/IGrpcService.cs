using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>A service implementation: its descriptor (from the generated *Reflection class) and its handlers.</summary>
public interface IGrpcService
{
    ServiceDescriptor Descriptor { get; }

    void Bind(ServiceBinder binder);
}
