using HealthRecords.Hosting.Certificates;
using HealthRecords.Rpc;

namespace HealthRecords.Hosting;

/// <summary>
/// Who makes a call (R-AC-5). Under mutual TLS the client certificate, already checked against our
/// CA by the TLS handshake, says who; an <c>hr-caller</c> header may repeat it but never contradict
/// it, so that a certificate cannot be used to speak for someone else. Only on a cleartext node
/// (<c>Grpc:AllowCleartext</c>, development) does the header alone identify the caller.
/// </summary>
internal static class CallerIdentification
{
    private const string ErrorDomain = "healthrecords";

    public static Caller Identify(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue(Caller.Header);
        Caller? claimed = null;
        if (header is not null && !Caller.TryParse(header, out claimed))
            throw Unauthenticated($"'{Caller.Header}: {header}' is not of the form institution:<code> or district:<code>.", "CALLER_MALFORMED");
        var certificate = context.ClientCertificate;
        if (certificate is null)
        {
            if (context.HttpContext.Request.IsHttps)
                throw Unauthenticated("Every call must come with a client certificate of this federation's CA.", "CALLER_CERTIFICATE_MISSING");
            return claimed ?? throw Unauthenticated(
                $"Every call must identify its caller with the '{Caller.Header}' metadata (institution:<code> or district:<code>).", "CALLER_MISSING");
        }
        var identity = CertificateIdentity.Of(certificate)
            ?? throw Unauthenticated($"The client certificate '{certificate.Subject}' names no caller of this federation (a urn:healthrecords: SAN URI).",
                "CALLER_CERTIFICATE_UNKNOWN");
        if (identity.Holder == CertificateHolder.Administration)
            return AdministratorOf(claimed, identity);
        var own = identity.AsCaller ?? throw RpcErrors.WithErrorInfo(StatusCode.PermissionDenied,
            $"{identity} identifies the city node, which calls no node.", "CALLER_NOT_ALLOWED", ErrorDomain);
        if (claimed is not null && claimed != own)
            throw Mismatch(claimed, identity);
        return own;
    }

    /// <summary>The administration's tools name the administrator, whose signed token then authenticates them.</summary>
    private static Caller AdministratorOf(Caller? claimed, CertificateIdentity identity) => claimed switch
    {
        { Kind: CallerKind.Administrator } => claimed,
        null => throw Unauthenticated(
            $"The city administration's certificate must name the administrator with '{Caller.Header}: administrator:<user>'.", "CALLER_MISSING"),
        _ => throw Mismatch(claimed, identity),
    };

    private static RpcException Unauthenticated(string message, string reason) =>
        RpcErrors.WithErrorInfo(StatusCode.Unauthenticated, message, reason, ErrorDomain);

    private static RpcException Mismatch(Caller claimed, CertificateIdentity identity) =>
        RpcErrors.WithErrorInfo(StatusCode.PermissionDenied,
            $"'{Caller.Header}: {claimed}' contradicts the client certificate, which identifies {identity}.",
            "CALLER_CERTIFICATE_MISMATCH", ErrorDomain,
            new Dictionary<string, string> { ["caller"] = claimed.HeaderValue, ["certificate"] = identity.Urn });
}
