using HealthRecords.Grains.Access;
using HealthRecords.Rpc;

namespace HealthRecords.Hosting.Security;

public static class OperationAuthorization
{
    /// <summary>
    /// The verified user of this call, when their role may perform <paramref name="operation"/>;
    /// UNAUTHENTICATED without a token, PERMISSION_DENIED ROLE_NOT_ALLOWED (with the rule) otherwise.
    /// </summary>
    public static Principal RequireOperation(this ServerCallContext context, Operation operation)
    {
        var principal = context.RequirePrincipal();
        return OperationPolicy.Check(principal, operation) is { } denial ? throw denial.ToRpcException() : principal;
    }

    /// <summary>PERMISSION_DENIED with the denial's reason and rule in ErrorInfo.</summary>
    public static RpcException ToRpcException(this AccessDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return RpcErrors.WithErrorInfo(StatusCode.PermissionDenied, $"{denial.Message} ({denial.Rule})", denial.Reason, "healthrecords",
            new Dictionary<string, string> { ["rule"] = denial.Rule });
    }
}
