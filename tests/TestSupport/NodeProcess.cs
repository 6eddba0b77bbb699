using System.Diagnostics;
using System.Text;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using HealthRecords.Rpc;

namespace HealthRecords.TestSupport;

/// <summary>
/// A real node process (city or district) on a loopback port, started from its built program with
/// configuration on the command line. It can be killed with SIGKILL and started again.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly string[] _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public NodeProcess(string name, string project, int port, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = port;
        _dll = RepoPaths.NodeDll(project);
        // Every node verifies users' tokens with the tests' token authority unless told otherwise.
        var withDefaults = settings.ContainsKey(Hosting.Security.TokenKey.Setting)
            ? settings
            : settings.Append(new(Hosting.Security.TokenKey.Setting, TestTokens.PublicKeyPath));
        // A city keeps identity numbers encrypted (R-AC-6) with the tests' keys unless told otherwise.
        if (project == "CityNode" && !settings.ContainsKey(Storage.Security.IdentityKeyRing.CurrentSetting))
            withDefaults = withDefaults.Concat(TestIdentityKeys.Settings);
        Cleartext = settings.TryGetValue(Hosting.NodeTransport.AllowCleartextSetting, out var cleartext) && bool.Parse(cleartext);
        _settings = WithCertificates(withDefaults, project).Append(new("Grpc:Listen", $"127.0.0.1:{port}"))
            .Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>True when started with Grpc:AllowCleartext=true; else the node serves mutual TLS.</summary>
    public bool Cleartext { get; }

    public string Address => $"{(Cleartext ? "http" : "https")}://127.0.0.1:{Port}";

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", [_dll, .. _settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__HealthRecords"] = "Information";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitServingAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power loss of the process.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task WaitServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var channel = TestChannel.For(Address);
        var health = new ServiceClient(channel, HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health"));
        while (true)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting:\n{Output}");
            try
            {
                var reply = await health.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("Check", new HealthCheckRequest(),
                    new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2)));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    return;
            }
            catch (RpcException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"{Name} did not serve within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Mutual TLS with the node's certificate of the tests' CA (R-AC-5), unless the settings ask for
    /// cleartext or name TLS files themselves (even empty ones, to test a node without any).
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> WithCertificates(IEnumerable<KeyValuePair<string, string>> settings, string project)
    {
        var given = settings.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (given.ContainsKey(Hosting.NodeTransport.AllowCleartextSetting) || given.ContainsKey("Grpc:Tls:Certificate"))
            return given;
        var identity = project == "CityNode"
            ? Hosting.Certificates.CertificateIdentity.City
            : Hosting.Certificates.CertificateIdentity.District(given["District:Code"]);
        var (certificate, key) = TestCertificates.Files(identity);
        given["Grpc:Tls:Certificate"] = certificate;
        given["Grpc:Tls:Key"] = key;
        given["Grpc:Tls:ClientCa"] = TestCertificates.CaPath;
        return given;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length > 200_000)
                _output.Remove(0, 100_000);
            _output.AppendLine(line);
        }
    }
}
