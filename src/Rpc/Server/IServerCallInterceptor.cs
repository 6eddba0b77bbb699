using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>
/// Runs before every handler (health and reflection included); throw an RpcException to refuse
/// the call. Typical use: identify the caller and store it in <see cref="ServerCallContext.UserState"/>.
/// </summary>
public interface IServerCallInterceptor
{
    ValueTask OnCallAsync(ServerCallContext context, MethodDescriptor method);
}
