using System.Diagnostics;
using System.Text;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.Storage.Security;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>R-AC-6 over real processes: keys required, no identity number in the city's file, rotation with the command.</summary>
public sealed class IdentityEncryptionTests
{
    private const string IdentityKeyCommandsRotate = "rotate-identity-keys";

    [Fact]
    public async Task CityWithoutIdentityKeys_RefusesToStart_NamingTheSetting()
    {
        // R-AC-6
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"hr-nokeys-{Guid.NewGuid():N}");

        var (exitCode, output) = await RunCityAsync(null, new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Topology:Path"] = RepoPaths.Topology,
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Security:IdentityKeys:Current is not configured", output, StringComparison.Ordinal);
        Assert.Contains("generate-key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityNumber_IsNotInTheCitysFile_AndRotateIdentityKeys_KeepsTheRecordFound()
    {
        // R-AC-6, R-ID-1: after rotate-identity-keys the city runs with the new keys only and still finds and guards the identity.
        // Arrange
        await using var federation = new Federation();
        var city = await federation.StartCityAsync();
        await federation.StartDistrictAsync("500103");
        using var clinic = TestChannel.Clinic(federation.Districts["500103"].Address, "500103C01");
        var id = TestIdentities.CitizenId(970_001);
        var entry = await clinic.EnrollAsync(Requests.Enroll(id, "500103C01", "500103001001"));
        await city.KillAsync();
        var dataDirectory = Path.Combine(federation.DataRoot, "city0");
        Assert.False(FilesContain(dataDirectory, id), "the identity number is in the city's database files");
        var newKey = IdentityKeyRing.GenerateKey();
        var newHashKey = IdentityKeyRing.GenerateKey();
        var common = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Topology:Path"] = RepoPaths.Topology,
            ["Clock:OffsetFile"] = federation.ClockFile,
            [IdentityKeyRing.CurrentSetting] = "k2",
            [$"{IdentityKeyRing.KeysSetting}:k2"] = newKey,
            [IdentityKeyRing.HashKeySetting] = newHashKey,
        };

        // Act
        var output = await RunCityCommandAsync(IdentityKeyCommandsRotate, common.Concat(TestIdentityKeys.Settings.Where(s => s.Key.StartsWith(IdentityKeyRing.KeysSetting, StringComparison.Ordinal))));
        await using var rotated = new NodeProcess("city-rotated", "CityNode", city.Port, common);
        await rotated.StartAsync();
        LookupEnrollmentResponse? found = null;
        await Uploads.EventuallyAsync(async () =>
        {
            try { found = await clinic.LookupAsync(new ResidentIdentity { CitizenIdNumber = id }); return true; }
            catch (RpcException) { return false; } // the district reconnects to the restarted city
        }, TimeSpan.FromSeconds(30), "a lookup through the district after the rotation");
        var again = await Assert.ThrowsAsync<RpcException>(() => clinic.EnrollAsync(Requests.Enroll(id, "500103C01", "500103001001")));

        // Assert
        Assert.Contains("Re-encrypted or rehashed 1 records and 1 journal events under key 'k2'", output, StringComparison.Ordinal);
        Assert.True(found!.Enrolled);
        Assert.Equal(entry.RecordNumber, found.Entry.RecordNumber);
        Assert.Equal(entry.IdentityMasked, found.Entry.IdentityMasked); // responses unchanged
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    private static bool FilesContain(string directory, string number) =>
        Directory.EnumerateFiles(directory).Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(Encoding.ASCII.GetBytes(number)) >= 0);

    private static async Task<string> RunCityCommandAsync(string command, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var (exitCode, output) = await RunCityAsync(command, settings);
        Assert.True(exitCode == 0, $"{command} exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>The city program run to its end (a command, or a start that fails), with its whole output.</summary>
    private static async Task<(int ExitCode, string Output)> RunCityAsync(string? command, IEnumerable<KeyValuePair<string, string>> settings)
    {
        // The node's usual settings; Grpc:Listen comes from appsettings.json beside a deployed node. Nothing is
        // served to anyone here (a command, or a start refused before listening), so no certificates.
        var start = new ProcessStartInfo("dotnet", [RepoPaths.NodeDll("CityNode"), .. command is null ? Array.Empty<string>() : [command],
            $"--{Hosting.Security.TokenKey.Setting}={TestTokens.PublicKeyPath}", $"--Grpc:Listen=127.0.0.1:{FreePort.Next()}",
            $"--{Hosting.NodeTransport.AllowCleartextSetting}=true",
            .. settings.Select(kv => $"--{kv.Key}={kv.Value}")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the city program did not end within 60 s:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
