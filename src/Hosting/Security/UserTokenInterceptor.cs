using Google.Protobuf.Reflection;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Topology;
using HealthRecords.Rpc;

namespace HealthRecords.Hosting.Security;

/// <summary>
/// Verifies the user's bearer token of a call, when it carries one, after the calling node was
/// identified: the token must be valid, unexpired, and of a user the calling node may act for — a
/// clinic for its own staff, a district for its own staff, clinics and resident portal, the city
/// administration for city-level users (R-AC-5). Calls that read residents' data then require it.
/// </summary>
public sealed class UserTokenInterceptor(TokenKey key, CityTopology topology, TimeProvider clock) : IServerCallInterceptor
{
    private const string BearerPrefix = "Bearer ";

    public ValueTask OnCallAsync(ServerCallContext context, MethodDescriptor method)
    {
        var authorization = context.RequestHeaders.GetValue("authorization");
        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || !context.UserState.TryGetValue(typeof(Caller), out var identified) || identified is not Caller caller)
            return ValueTask.CompletedTask;
        var (principal, reason, message) = AccessToken.Verify(key.PublicKey, authorization[BearerPrefix.Length..].Trim(), clock.GetUtcNow());
        if (principal is null)
            throw Unauthenticated(reason!, message!);
        if (!MayActFor(caller, principal))
            throw Unauthenticated("TOKEN_INSTITUTION_MISMATCH", $"{caller} may not present the token of {principal}.");
        context.UserState[typeof(Principal)] = principal;
        return ValueTask.CompletedTask;
    }

    private bool MayActFor(Caller caller, Principal principal) => caller.Kind switch
    {
        CallerKind.Institution => principal.Role.IsClinicStaff() && principal.Institution == caller.Code,
        CallerKind.District => principal.Institution == caller.Code
            || (principal.Role.IsClinicStaff() && topology.FindInstitution(principal.Institution)?.DistrictCode == caller.Code),
        CallerKind.Administrator => principal.Role.IsCityLevel() && principal.User == caller.Code,
        _ => false,
    };

    internal static RpcException Unauthenticated(string reason, string message) =>
        RpcErrors.WithErrorInfo(StatusCode.Unauthenticated, message, reason, "healthrecords");
}

public static class PrincipalContextExtensions
{
    /// <summary>The verified user of this call, if its token was presented.</summary>
    public static Principal? FindPrincipal(this ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(Principal), out var principal) ? principal as Principal : null;

    /// <summary>The verified user of this call; UNAUTHENTICATED USER_TOKEN_REQUIRED when none was presented (R-AC-5).</summary>
    public static Principal RequirePrincipal(this ServerCallContext context) =>
        context.FindPrincipal() ?? throw UserTokenInterceptor.Unauthenticated("USER_TOKEN_REQUIRED",
            "This call reads residents' data: it needs the user's signed token (authorization: Bearer).");
}
