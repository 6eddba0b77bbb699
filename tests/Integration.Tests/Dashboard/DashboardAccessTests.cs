using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>Who may see the dashboard, and where: city administrators only, on the dashboard's own port only.</summary>
public sealed class DashboardAccessTests(DashboardCityFixture fixture) : IClassFixture<DashboardCityFixture>
{
    [Fact]
    public async Task Dashboard_WithoutSignIn_SendsPagesToSignIn_AndRefusesJsonAndActions()
    {
        using var anonymous = new DashboardSession(fixture.DashboardUrl);

        var page = await anonymous.GetAsync("/");
        var json = await anonymous.GetAsync("/api/figures");
        var reconcile = await anonymous.PostAsync("/reconcile", ("request-id", "anonymous-1"));
        var form = await anonymous.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        Assert.Empty(await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, reconcile.StatusCode);
        Assert.Equal("/signin", reconcile.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("data-figure", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_RefusesAWrongPasswordAndAnUnknownUserAlike_ThenServesThePageAndJsonWithAStrictCookie()
    {
        using var session = new DashboardSession(fixture.DashboardUrl);
        var administrator = fixture.Administrator;

        var wrongPassword = await session.SignInAsync(administrator.User, administrator.Password + "x");
        var unknownUser = await session.SignInAsync("nobody", administrator.Password);
        var signedIn = await session.SignInAsync(administrator.User, administrator.Password);
        var page = await session.GetAsync("/");
        var json = await session.GetAsync("/api/figures");

        // A refusal says so, and says the same whether or not the user exists.
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        var (wrongText, unknownText) = (await wrongPassword.Content.ReadAsStringAsync(), await unknownUser.Content.ReadAsStringAsync());
        Assert.Contains("wrong user name or password", wrongText);
        Assert.Equal(ErrorParagraph(wrongText), ErrorParagraph(unknownText));
        Assert.NotEmpty(ErrorParagraph(wrongText));
        Assert.DoesNotContain("nobody", unknownText);
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hr-dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-clinic=\"500103C01\"", html);
        Assert.Contains("渝中区七星岗街道社区卫生服务中心", html);
        Assert.True(page.Headers.CacheControl?.NoStore, "figures about residents are not cached");
        // R-CN-1: every clinic of the topology and each district's total, zeros included.
        using var figures = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(12, figures.RootElement.GetProperty("counts").GetArrayLength());
    }

    [Fact]
    public async Task Reconcile_PostedWithoutTheFormToken_IsRefusedAndRunsNothing()
    {
        // A signed-in administrator's cookie alone does not make a POST: another site's form cannot reconcile or repair.
        using var session = new DashboardSession(fixture.DashboardUrl);
        Assert.Equal(HttpStatusCode.Found, (await session.SignInAsync(fixture.Administrator.User, fixture.Administrator.Password)).StatusCode);

        var forged = await session.PostAsync("/reconcile", ("request-id", "forged-1"));
        var repair = await session.PostAsync("/repair", ("run-id", "x"), ("request-id", "forged-2"), ("reason", "x"));
        var figures = await session.GetAsync("/api/figures");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, repair.StatusCode);
        using var json = JsonDocument.Parse(await figures.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("lastRun").ValueKind);
    }

    [Fact]
    public async Task GrpcPort_ServesNoDashboard_AndDashboardPortServesNoGrpc()
    {
        // The gRPC port stays HTTP/2 gRPC only (over mutual TLS, ALPN h2), whatever Host a request names; the dashboard port is HTTP/1.1 pages only.
        using var client = new HttpClient();
        using var grpcPort = new HttpClient(ChannelHttpHandler.Create(TestCertificates.ClientOptions(TestCertificates.Unnamed)));
        var dashboardHost = new Uri(fixture.DashboardUrl).Authority;
        var h2Answers = new List<HttpResponseMessage>();
        foreach (var path in new[] { "/", "/signin", "/api/figures" })
        {
            using var h2 = new HttpRequestMessage(HttpMethod.Get, $"{fixture.City.Address}{path}")
            {
                Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            h2.Headers.Host = dashboardHost;
            h2Answers.Add(await grpcPort.SendAsync(h2));
            // HTTP/1.1 cannot even be negotiated there (ALPN offers h2 only).
            await Assert.ThrowsAsync<HttpRequestException>(() => grpcPort.GetAsync($"{fixture.City.Address}{path}"));
        }
        using var grpcOverHttp1 = new HttpRequestMessage(HttpMethod.Post, $"{fixture.DashboardUrl}/grpc.health.v1.Health/Check")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { { "Content-Type", "application/grpc" } } },
        };
        var grpcOnDashboard = await client.SendAsync(grpcOverHttp1);
        using var channel = GrpcChannel.ForAddress(fixture.DashboardUrl);
        var health = new ServiceClient(channel, HealthReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Health"));
        // Prior-knowledge HTTP/2 gRPC cannot even be spoken there.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            health.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("Check", new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(5))));

        Assert.All(h2Answers, a =>
        {
            Assert.Equal(HttpStatusCode.NotFound, a.StatusCode);
            Assert.NotEqual("text/html", a.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(HttpStatusCode.NotFound, grpcOnDashboard.StatusCode);
    }

    private static string ErrorParagraph(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<p class=\"error\"[^>]*>.*?</p>").Value;
}
