using Google.Protobuf.Reflection;

namespace HealthRecords.Hosting.Audit;

/// <summary>
/// R-AC-5: the methods of a node that read, search, download, export or exchange residents' data,
/// each with the action its audit entries carry. Every call of these is audited, allowed or refused.
/// Declared once per node; a name that is no method of the node's contracts fails at start-up.
/// </summary>
public sealed class AuditedMethods
{
    private readonly Dictionary<string, string> _actions;

    private AuditedMethods(Dictionary<string, string> actions) => _actions = actions;

    /// <param name="contracts">The proto files that define the methods.</param>
    /// <param name="actions">"package.Service/Method" → action name.</param>
    public static AuditedMethods Declare(IEnumerable<FileDescriptor> contracts, IReadOnlyDictionary<string, string> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var known = contracts.SelectMany(f => f.Services).SelectMany(s => s.Methods).ToDictionary(m => $"{m.Service.FullName}/{m.Name}", m => m.FullName);
        var byFullName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (method, action) in actions)
        {
            if (!known.TryGetValue(method, out var fullName))
                throw new InvalidOperationException($"Audited method {method} is not a method of this node's contracts.");
            byFullName[fullName] = action;
        }
        return new AuditedMethods(byFullName);
    }

    public bool TryGetAction(MethodDescriptor method, out string action)
    {
        ArgumentNullException.ThrowIfNull(method);
        return _actions.TryGetValue(method.FullName, out action!);
    }
}
