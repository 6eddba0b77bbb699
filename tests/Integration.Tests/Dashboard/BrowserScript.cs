using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Dashboard;

/// <summary>
/// Runs browser/dashboard.mjs (playwright-core driving Debian's /usr/bin/chromium) and parses the JSON
/// line it prints. Installs the script's locked npm packages first when they are missing. A missing
/// node, npm or Chromium fails the test with what to install: the browser test is never skipped.
/// </summary>
internal static class BrowserScript
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "Integration.Tests", "Dashboard", "browser");

    public static async Task<JsonElement> RunAsync(string scenario, string baseUrl, CityAdministrator administrator, string screenshot)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run installs it).");
        await EnsurePackagesAsync();
        var (exitCode, output, errors) = await RunAsync("node", ["dashboard.mjs", scenario, baseUrl, administrator.User, screenshot],
            new() { ["HR_DASHBOARD_PASSWORD"] = administrator.Password }, TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"dashboard.mjs {scenario} failed ({exitCode}):\n{output}\n{errors}");
        var json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"dashboard.mjs printed no JSON ({e.Message}):\n{output}\n{errors}", e);
        }
    }

    /// <summary><c>npm ci</c> when playwright-core is not installed at the locked version.</summary>
    private static async Task EnsurePackagesAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (InstalledVersion() is { } installed && installed == LockedVersion())
                return;
            var (exitCode, output, errors) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], new(), TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"npm ci in {Directory} failed ({exitCode}):\n{output}\n{errors}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static string? InstalledVersion()
    {
        var manifest = Path.Combine(Directory, "node_modules", "playwright-core", "package.json");
        return File.Exists(manifest) ? JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.GetProperty("version").GetString() : null;
    }

    private static string? LockedVersion() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "package-lock.json"))).RootElement
        .GetProperty("packages").GetProperty("node_modules/playwright-core").GetProperty("version").GetString();

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, string[] args, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory, UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{file}' could not be started ({e.Message}): install Node.js and npm (apt-get install -y nodejs npm; .ci/run does).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}:\n{await output}\n{await errors}");
            }
            return (process.ExitCode, await output, await errors);
        }
    }
}
