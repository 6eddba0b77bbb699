using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>A client's handle on one method, validated against the service descriptor when created.</summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    internal static readonly MessageParser<TResponse> ResponseParser = new(() => new TResponse());

    private Method(MethodDescriptor descriptor)
    {
        Descriptor = descriptor;
        FullName = MethodResolver.PathOf(descriptor);
        Type = MethodResolver.KindOf(descriptor);
    }

    public MethodDescriptor Descriptor { get; }

    /// <summary>"/package.Service/Method", the HTTP/2 :path.</summary>
    public string FullName { get; }

    public string ServiceName => Descriptor.Service.FullName;

    public string Name => Descriptor.Name;

    public MethodType Type { get; }

    /// <summary>Throws InvalidOperationException if the method is missing or its message types differ.</summary>
    public static Method<TRequest, TResponse> Create(ServiceDescriptor service, string methodName) =>
        new(MethodResolver.Resolve<TRequest, TResponse>(service, methodName, expectedKind: null));

    public override string ToString() => FullName;
}
