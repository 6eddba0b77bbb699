using System.Diagnostics;
using System.Text;

namespace HealthRecords.Rpc.Tests;

/// <summary>
/// Debian's python3-grpcio / python3-grpc-tools as an independent gRPC implementation. Always
/// /usr/bin/python3: the python3 first on PATH may be another interpreter without them.
/// </summary>
public static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<Task<string>> Stubs = new(GenerateStubsAsync);

    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "interop");

    /// <summary>Directory holding the generated *_pb2.py stubs; fails the test clearly if grpcio is missing.</summary>
    public static Task<string> GetStubsAsync() => Stubs.Value;

    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(arguments);
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.AppendLine($"[killed after {timeout}]");
        }
        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Keep the C-core away from any proxy settings of the environment.
        info.Environment["no_proxy"] = "*";
        info.Environment["grpc_proxy"] = "";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python}.");
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }
        }
    }

    private static async Task<string> GenerateStubsAsync()
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing. The interop tests need it: apt-get install -y python3-grpcio python3-grpc-tools");
        }
        var probe = await RunAsync(TimeSpan.FromSeconds(60), "-c", "import grpc, grpc_tools.protoc; print(grpc.__version__)");
        if (probe.ExitCode != 0)
        {
            Assert.Fail($"{Python} cannot import grpc/grpc_tools (apt-get install -y python3-grpcio python3-grpc-tools):\n{probe.Output}");
        }
        var protos = Path.Combine(AppContext.BaseDirectory, "protos");
        var output = Path.Combine(Path.GetTempPath(), "rpc-interop-stubs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        // grpc/health/v1 and grpc/reflection/v1 would become Python packages under "grpc", which the
        // installed grpc package shadows; they are generated from their own directory instead
        // (top-level health_pb2, reflection_pb2). The wire names come from the proto package, not the path.
        await ProtocAsync(protos, output, "echo.proto", "google/rpc/status.proto", "google/rpc/error_details.proto");
        await ProtocAsync(Path.Combine(protos, "grpc/health/v1"), output, "health.proto");
        await ProtocAsync(Path.Combine(protos, "grpc/reflection/v1"), output, "reflection.proto");
        return output;
    }

    private static async Task ProtocAsync(string root, string output, params string[] files)
    {
        var arguments = new List<string> { "-m", "grpc_tools.protoc", "-I" + root, "--python_out=" + output, "--grpc_python_out=" + output };
        arguments.AddRange(files.Select(f => Path.Combine(root, f)));
        var generate = await RunAsync(TimeSpan.FromSeconds(120), [.. arguments]);
        if (generate.ExitCode != 0)
        {
            Assert.Fail($"grpc_tools.protoc failed:\n{generate.Output}");
        }
    }
}
