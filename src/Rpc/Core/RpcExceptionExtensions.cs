using Google.Protobuf;

namespace HealthRecords.Rpc;

public static class RpcExceptionExtensions
{
    /// <summary>The first detail of type <typeparamref name="T"/> in the rich status, or null.</summary>
    public static T? GetDetail<T>(this RpcException exception) where T : class, IMessage<T>, new()
    {
        if (exception.RichStatus is null)
        {
            return null;
        }
        foreach (var any in exception.RichStatus.Details)
        {
            if (any.TryUnpack<T>(out var detail))
            {
                return detail;
            }
        }
        return null;
    }
}
