using System.Security.Claims;
using HealthRecords.CityNode.Administration;
using HealthRecords.CityNode.Reconciliation;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Topology;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>The dashboard's routes. Every one needs the city-administrator role except the sign-in form; every POST checks its anti-forgery token.</summary>
internal static partial class DashboardEndpoints
{
    private const string Html = "text/html; charset=utf-8";
    private const string LogCategory = "HealthRecords.CityNode.Dashboard";

    public static void Map(WebApplication app)
    {
        var dashboard = app.MapGroup("/").WithMetadata(DashboardEndpointMarker.Instance)
            .RequireAuthorization(DashboardAuthentication.Policy)
            .AddEndpointFilter(async (context, next) =>
            {
                // Figures about residents: never cached, never framed, no script at all.
                var headers = context.HttpContext.Response.Headers;
                headers.CacheControl = "no-store";
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                return await next(context);
            });
        dashboard.MapGet("/", Page);
        dashboard.MapGet(DashboardAuthentication.ApiPrefix + "/figures", FiguresJson);
        dashboard.MapGet(DashboardAuthentication.SignInPath, SignInForm).AllowAnonymous();
        dashboard.MapPost(DashboardAuthentication.SignInPath, SignIn).AllowAnonymous();
        dashboard.MapPost("/signout", SignOut);
        dashboard.MapPost("/reconcile", Reconcile);
        dashboard.MapPost("/repair", Repair);
    }

    private static async Task<IResult> Page(HttpContext http, DashboardReader reader, CityTopology topology, IAntiforgery antiforgery,
        [FromQuery] int? repaired, CancellationToken cancellationToken)
    {
        var snapshot = await reader.ReadAsync(cancellationToken);
        var flash = repaired is { } n ? $"{n} repair(s) sent to the districts; they apply them like any event. Reconcile again to confirm." : null;
        return Results.Content(DashboardPage.Render(snapshot, topology, UserOf(http.User), Token(antiforgery, http), flash), Html);
    }

    /// <summary>The side-by-side figures and the last run as JSON, for scripts.</summary>
    private static async Task<IResult> FiguresJson(DashboardReader reader, CancellationToken cancellationToken)
    {
        var snapshot = await reader.ReadAsync(cancellationToken);
        var run = snapshot.LastRun;
        return Results.Json(new
        {
            city = snapshot.CityName,
            at = snapshot.Now,
            counts = snapshot.Counts,
            lastRun = run is null ? null : new
            {
                id = run.Id, startedAt = run.StartedAt, requestedBy = run.RequestedBy, trigger = run.Trigger.ToString(),
                outcome = run.Outcome.ToString(), recordsCompared = run.RecordsCompared, findings = run.FindingCount,
            },
        });
    }

    private static IResult SignInForm(HttpContext http, IAntiforgery antiforgery, CityTopology topology, AdministratorAccounts accounts) =>
        Results.Content(SignInPage.Render(topology.CityName, Token(antiforgery, http), refused: false, accounts.Any), Html);

    private static async Task<IResult> SignIn(HttpContext http, [FromForm] string? user, [FromForm] string? password,
        AdministratorAccounts accounts, IAntiforgery antiforgery, CityTopology topology, ILoggerFactory loggers)
    {
        if (!accounts.Verify(user ?? "", password ?? ""))
        {
            LogRefused(loggers.CreateLogger(LogCategory), user ?? "");
            return Results.Content(SignInPage.Render(topology.CityName, Token(antiforgery, http), refused: true, accounts.Any), Html,
                statusCode: StatusCodes.Status401Unauthorized);
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user!), new Claim(ClaimTypes.Role, AdministratorAccounts.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        LogSignedIn(loggers.CreateLogger(LogCategory), user!);
        return Results.Redirect("/");
    }

    private static async Task<IResult> SignOut(HttpContext http, IFormCollection form)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(DashboardAuthentication.SignInPath);
    }

    /// <summary>R-CN-2 on demand: every district, in the signed-in administrator's name.</summary>
    private static async Task<IResult> Reconcile(HttpContext http, [FromForm(Name = "request-id")] string? requestId, IndexReconciler reconciler,
        CancellationToken cancellationToken)
    {
        await reconciler.RunAsync(ReconciliationTrigger.OnDemand, UserOf(http.User), null, RequestId(requestId), cancellationToken);
        return Results.Redirect("/#reconciliation");
    }

    /// <summary>R-CN-2: every finding of the run repaired from the city's facts.</summary>
    private static async Task<IResult> Repair(HttpContext http, [FromForm(Name = "run-id")] string? runId, [FromForm(Name = "request-id")] string? requestId,
        [FromForm] string? reason, IndexRepairs repairs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return Results.BadRequest("A repair needs a reason.");
        var made = await repairs.RepairAsync(runId ?? "", [], UserOf(http.User), reason.Trim(), RequestId(requestId), cancellationToken);
        return made is null ? Results.NotFound($"No reconciliation {runId}.") : Results.Redirect($"/?repaired={made.Count}#reconciliation");
    }

    private static string UserOf(ClaimsPrincipal user) => user.Identity?.Name ?? throw new InvalidOperationException("The dashboard served a request without a signed-in user.");

    private static string RequestId(string? fromForm) => fromForm is { Length: > 0 and <= 64 } ? fromForm : Guid.NewGuid().ToString("N");

    private static FormToken Token(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused for user '{User}'")]
    private static partial void LogRefused(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard sign-in by {User}")]
    private static partial void LogSignedIn(ILogger logger, string user);
}
