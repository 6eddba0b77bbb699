using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

/// <summary>Our server and client against Python grpcio (the C-core), an independent implementation.</summary>
public sealed class InteropTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly string[] ClientSteps =
        ["unary", "server_streaming", "client_streaming", "duplex", "error_details", "deadline", "unimplemented", "health", "reflection"];

    [Fact]
    public async Task Python_client_calls_our_server()
    {
        var stubs = await PythonPeer.GetStubsAsync();
        var script = Path.Combine(PythonPeer.ScriptsDirectory, "python_client.py");

        var (exitCode, output) = await PythonPeer.RunAsync(TimeSpan.FromSeconds(90), script, $"127.0.0.1:{fixture.Server.Port}", stubs);

        Assert.True(exitCode == 0, $"python client exited with {exitCode}:\n{output}");
        foreach (var step in ClientSteps)
        {
            Assert.Contains($"OK {step}", output);
        }
        Assert.Contains("ALL OK", output);
    }

    [Fact]
    public async Task Our_client_calls_a_python_server()
    {
        var stubs = await PythonPeer.GetStubsAsync();
        using var server = PythonPeer.Start(Path.Combine(PythonPeer.ScriptsDirectory, "python_server.py"), stubs);
        try
        {
            var port = await ReadPortAsync(server);
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            await CallEveryKindAsync(channel);
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task CallEveryKindAsync(GrpcChannel channel)
    {
        var binary = new byte[] { 0, 16, 254 };
        using var unary = channel.UnaryCall(EchoMethods.Echo, new EchoRequest { Text = "to python", Payload = ByteString.CopyFromUtf8("p") },
            new CallOptions(new Metadata { { "x-text", "cs" }, { "x-data-bin", binary } }, DateTime.UtcNow.AddSeconds(30)));
        var response = await unary;
        Assert.Equal("to python", response.Text);
        Assert.Contains("x-text=cs", response.SeenHeaders);
        Assert.Contains("x-data-bin=0010FE", response.SeenHeaders);
        var headers = await unary.ResponseHeadersAsync;
        Assert.Equal("cs", headers.GetValue("x-echo-text"));
        Assert.Equal(binary, headers.GetValueBytes("x-echo-data-bin"));
        Assert.Equal("done", unary.GetTrailers().GetValue("x-trailer"));
        Assert.Equal(TestEchoService.TrailerBytes, unary.GetTrailers().GetValueBytes("x-trailer-bin"));

        using var expand = channel.ServerStreamingCall(EchoMethods.Expand, new EchoRequest { Text = "e", Count = 4 });
        Assert.Equal(["e0", "e1", "e2", "e3"], await expand.ResponseStream.ReadAllAsync().Select(r => r.Text).ToListAsync());

        using var collect = channel.ClientStreamingCall(EchoMethods.Collect);
        foreach (var text in new[] { "a", "b" })
        {
            await collect.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }
        await collect.RequestStream.CompleteAsync();
        Assert.Equal("a,b", (await collect).Text);

        using var chat = channel.DuplexStreamingCall(EchoMethods.Chat);
        await chat.RequestStream.WriteAsync(new EchoRequest { Text = "hi" });
        Assert.True(await chat.ResponseStream.MoveNext());
        Assert.Equal("HI", chat.ResponseStream.Current.Text);
        await chat.RequestStream.WriteAsync(new EchoRequest { Text = "bye" });
        await chat.RequestStream.CompleteAsync();
        Assert.True(await chat.ResponseStream.MoveNext());
        Assert.Equal("BYE", chat.ResponseStream.Current.Text);
        Assert.False(await chat.ResponseStream.MoveNext());

        const string message = "参数无效 100%";
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(EchoMethods.Fail, new FailRequest { Kind = "bad_request", Message = message }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
        Assert.Equal("name", error.GetDetail<BadRequest>()!.FieldViolations.Single().Field);

        var deadline = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(EchoMethods.Wait, new EchoRequest(),
            new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(300))).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, deadline.StatusCode);

        var unimplemented = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(EchoMethods.Unbound, new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, unimplemented.StatusCode);
    }

    private static async Task<int> ReadPortAsync(Process server)
    {
        var line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            var errors = await server.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Fail($"python server did not start: '{line}'\n{errors}");
        }
        return int.Parse(line["PORT ".Length..]);
    }
}
