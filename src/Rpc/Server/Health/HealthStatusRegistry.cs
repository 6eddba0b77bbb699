using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HealthRecords.Rpc;

/// <summary>
/// Serving status per service name, read by grpc.health.v1.Health. "" is the whole server and
/// starts SERVING; mapped services are added as SERVING; unknown names are not listed.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private TaskCompletionSource _changed = NewSignal();

    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_statuses.TryGetValue(service, out var current) && current == status)
            {
                return;
            }
            _statuses[service] = status;
            Signal();
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND, Watch SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        lock (_lock)
        {
            if (_statuses.Remove(service))
            {
                Signal();
            }
        }
    }

    /// <summary>Marks every known service NOT_SERVING (used when the host stops).</summary>
    public void SetAllNotServing()
    {
        lock (_lock)
        {
            foreach (var key in _statuses.Keys.ToList())
            {
                _statuses[key] = ServingStatus.NotServing;
            }
            Signal();
        }
    }

    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>Current status (SERVICE_UNKNOWN if unknown) and a task that completes at the next change.</summary>
    internal (ServingStatus Status, Task Changed) Observe(string service)
    {
        lock (_lock)
        {
            var status = _statuses.TryGetValue(service, out var s) ? s : ServingStatus.ServiceUnknown;
            return (status, _changed.Task);
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
