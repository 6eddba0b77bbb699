using System.Diagnostics;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// District IT integrates with nothing but our .proto files: a Python grpcio client, its stubs
/// generated from protos/ by Debian's grpc_tools, against a real district node and city node.
/// </summary>
public sealed class PythonDistrictItTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task PythonGrpcioClient_EnrollsLooksUpAndDecodesErrorDetails()
    {
        // R-ID-1, R-ID-5 seen from a foreign gRPC stack.
        // Arrange
        var stubs = Directory.CreateTempSubdirectory("hr-pystubs-").FullName;
        var protos = Directory.GetFiles(Path.Combine(RepoPaths.Protos, "healthrecords"), "*.proto", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Protos, "google", "rpc"), "*.proto"))
            .Select(p => Path.GetRelativePath(RepoPaths.Protos, p));
        var generate = await RunAsync(Python, ["-m", "grpc_tools.protoc", $"-I{RepoPaths.Protos}", $"--python_out={stubs}", .. protos], RepoPaths.Protos);
        Assert.True(generate.ExitCode == 0, $"protoc failed (is python3-grpc-tools installed?):\n{generate.Output}");

        // Act
        var script = Path.Combine(AppContext.BaseDirectory, "interop", "district_it_client.py");
        // Mutual TLS (R-AC-5): grpc.ssl_channel_credentials with the district IT certificate.
        var (certificate, key) = TestCertificates.Files(Hosting.Certificates.CertificateIdentity.District("500106"));
        var run = await RunAsync(Python, [script, stubs, $"127.0.0.1:{fixture.Federation.Districts["500106"].Port}", "500106",
            TestIdentities.CitizenId(960_001), TestCertificates.CaPath, certificate, key], stubs);

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("all checks passed", run.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout + await stderr);
    }
}
