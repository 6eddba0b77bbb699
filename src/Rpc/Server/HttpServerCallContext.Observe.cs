using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

internal sealed partial class HttpServerCallContext
{
    private bool _observed;

    /// <summary>The bound method; null for an unimplemented path, which observers never see.</summary>
    public MethodDescriptor? Descriptor { get; set; }

    /// <summary>The single request message, once read (unary and server-streaming calls).</summary>
    public IMessage? Request { get; set; }

    /// <summary>Tells the observers how the call ends, once, before anything of its answer is written.</summary>
    public async ValueTask ObserveAnswerAsync(Status status, Google.Rpc.Status? richStatus)
    {
        if (_observed || Descriptor is null)
        {
            return;
        }
        _observed = true;
        foreach (var observer in _runtime.Observers)
        {
            await observer.OnAnswerAsync(this, Descriptor, Request, status, richStatus).ConfigureAwait(false);
        }
    }
}
