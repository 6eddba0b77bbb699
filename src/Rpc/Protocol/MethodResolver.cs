using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HealthRecords.Rpc;

/// <summary>
/// Finds a method in a service descriptor and checks that the C# message types and call kind
/// match it, so a mismatch fails at startup instead of on the wire.
/// </summary>
internal static class MethodResolver
{
    public static MethodType KindOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };

    public static string PathOf(MethodDescriptor method) => "/" + method.Service.FullName + "/" + method.Name;

    public static MethodDescriptor Resolve<TRequest, TResponse>(ServiceDescriptor service, string methodName, MethodType? expectedKind)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(service);
        var method = service.FindMethodByName(methodName)
            ?? throw new InvalidOperationException($"Service {service.FullName} has no method '{methodName}'.");
        var kind = KindOf(method);
        if (expectedKind is { } expected && expected != kind)
        {
            throw new InvalidOperationException($"{PathOf(method)} is a {kind} method, not {expected}.");
        }
        CheckType(method, "request", method.InputType, new TRequest().Descriptor);
        CheckType(method, "response", method.OutputType, new TResponse().Descriptor);
        return method;
    }

    private static void CheckType(MethodDescriptor method, string role, MessageDescriptor declared, MessageDescriptor given)
    {
        // Same full name is the same wire type, even if compiled into two assemblies.
        if (!ReferenceEquals(declared, given) && declared.FullName != given.FullName)
        {
            throw new InvalidOperationException(
                $"{PathOf(method)} declares {role} type {declared.FullName}, but {given.FullName} was given.");
        }
    }
}
