using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>
/// Learns how each call ends before its answer leaves: at the first response message (status OK) or
/// at the final status of a call that sends none (refusals from interceptors included). Once per call.
/// Throw an RpcException to fail the call instead, e.g. when what must be recorded cannot be.
/// </summary>
public interface IServerCallObserver
{
    /// <param name="request">The request message of a unary or server-streaming call, once read; else null.</param>
    ValueTask OnAnswerAsync(ServerCallContext context, MethodDescriptor method, IMessage? request, Status status, Google.Rpc.Status? richStatus);
}
