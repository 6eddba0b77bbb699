using HealthRecords.CityNode.Administration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>Sign-in for the dashboard: a cookie carrying the administrator's name and role.</summary>
internal static class DashboardAuthentication
{
    public const string Policy = "city-administrators";
    public const string SignInPath = "/signin";
    public const string ApiPrefix = "/api";

    public static void AddDashboardAuthentication(this IServiceCollection services)
    {
        // Keys in memory only: nothing secret on disk, and a restart simply signs everyone out.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "hr-dashboard";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            // A page sends the browser to the form; a JSON client gets the status instead of HTML.
            options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireRole(AdministratorAccounts.Role));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "hr-dashboard-form";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "form-token";
        });
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.Ordinal))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(SignInPath);
        return Task.CompletedTask;
    }
}
