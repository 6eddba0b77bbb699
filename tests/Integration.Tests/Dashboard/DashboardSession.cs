using System.Net;
using System.Text.RegularExpressions;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>A plain HTTP/1.1 client of the dashboard that keeps cookies and follows no redirect, to see each answer as sent.</summary>
internal sealed partial class DashboardSession(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(baseUrl),
    };

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    /// <summary>The anti-forgery token of the form on a page (it also sets the token's cookie).</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync();
        return FormToken().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No form token on {path}:\n{page}");
    }

    public async Task<HttpResponseMessage> SignInAsync(string user, string password) =>
        await PostAsync("/signin", ("form-token", await FormTokenAsync("/signin")), ("user", user), ("password", password));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"form-token\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
