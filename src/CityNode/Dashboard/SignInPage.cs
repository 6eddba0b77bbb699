using static HealthRecords.CityNode.Dashboard.Html;

namespace HealthRecords.CityNode.Dashboard;

/// <summary>The sign-in form. A refusal never says whether the user exists.</summary>
internal static class SignInPage
{
    public const string Refused = "Sign-in failed: wrong user name or password. 用户名或密码错误。";

    public static string Render(string cityName, FormToken token, bool refused, bool anyAdministrator) => PageLayout.Document("Sign in · 登录", $"""
        <main class="signin">
        <section>
        <h2>{E(cityName)} · city administrators' dashboard</h2>
        <p class="note">市级管理员登录 · Sign in with a city administrator account.</p>
        {(refused ? $"""<p class="error" id="signin-error" role="alert">{E(Refused)}</p>""" : "")}
        {(anyAdministrator ? "" : """<p class="error">No administrator is configured (Administrators:0:User and Administrators:0:PasswordHash).</p>""")}
        <form method="post" action="{DashboardAuthentication.SignInPath}">
        {TokenField(token)}
        <label for="user">User 用户名</label>
        <input type="text" id="user" name="user" autocomplete="username" required autofocus>
        <label for="password">Password 密码</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required>
        <button type="submit" id="signin">Sign in 登录</button>
        </form>
        </section>
        </main>
        """);
}
