using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using HealthRecords.Rpc;
using HealthRecords.Rpc.Tests.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HealthRecords.Benchmarks;

/// <summary>
/// Unary gRPC calls/s through src/Rpc against plain Kestrel HTTP/2 POSTs of the same bytes, on one
/// in-process Kestrel listener (same settings), each driven over one HTTP/2 connection with N calls in flight.
/// Options: --seconds N per side (10), --concurrency C (64), --warmup S (2), --payload BYTES (16).
/// </summary>
public static class RpcUnaryBenchmark
{
    internal const string RawPath = "/raw/echo";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var concurrency = Option(args, "--concurrency", 64);
        var warmup = Option(args, "--warmup", 2);
        var payloadSize = Option(args, "--payload", 16);

        await using var app = await StartServerAsync();
        var address = app.GetGrpcListenAddresses().Single();
        var request = new EchoRequest { Text = "bench", Payload = ByteString.CopyFrom(new byte[payloadSize]) };

        using var channel = GrpcChannel.ForAddress(address);
        var method = Method<EchoRequest, EchoResponse>.Create(BenchEchoService.Descriptor, "Echo");
        Func<Task> grpcCall = async () => await channel.UnaryCall(method, request);

        using var raw = new RawClient(new Uri(new Uri(address), RawPath), Frame(request));
        Func<Task> rawCall = raw.PostAsync;

        Console.WriteLine($"rpc benchmark: {seconds}s per side, {concurrency} in flight, payload {payloadSize} B, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
        await DriveAsync(grpcCall, concurrency, TimeSpan.FromSeconds(warmup));
        await DriveAsync(rawCall, concurrency, TimeSpan.FromSeconds(warmup));

        // One-second slices, alternating sides, medians: the box is shared, so load from others
        // hits both sides alike instead of whichever happened to run during a burst.
        var grpcRates = new List<double>();
        var rawRates = new List<double>();
        for (var slice = 0; slice < Math.Max(1, seconds); slice++)
        {
            grpcRates.Add(await DriveAsync(grpcCall, concurrency, TimeSpan.FromSeconds(1)));
            rawRates.Add(await DriveAsync(rawCall, concurrency, TimeSpan.FromSeconds(1)));
        }
        var grpcRate = Median(grpcRates);
        var rawRate = Median(rawRates);

        Console.WriteLine($"grpc unary: {grpcRate:F0} calls/s | raw kestrel h2 POST: {rawRate:F0} req/s | ratio {grpcRate / rawRate:F2}");
        Console.WriteLine($"(medians of {grpcRates.Count} one-second slices; best slices: grpc {grpcRates.Max():F0}, raw {rawRates.Max():F0})");
        return 0;
    }

    internal static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Grpc:Listen"] = "127.0.0.1:0" });
        builder.UseGrpcKestrel(builder.Configuration.GetSection("Grpc"));
        builder.Services.AddGrpcServer();
        var app = builder.Build();
        app.MapGrpcService<BenchEchoService>();
        app.MapPost(RawPath, EchoRawAsync);
        await app.StartAsync();
        return app;
    }

    /// <summary>The baseline: read the whole body, write it back. No framing, no protobuf.</summary>
    private static async Task EchoRawAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                context.Response.ContentType = "application/octet-stream";
                foreach (var segment in result.Buffer)
                {
                    await context.Response.BodyWriter.WriteAsync(segment);
                }
                reader.AdvanceTo(result.Buffer.End);
                return;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static async Task<double> DriveAsync(Func<Task> call, int concurrency, TimeSpan duration)
    {
        long completed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await call();
                Interlocked.Increment(ref completed);
            }
        }));
        await Task.WhenAll(workers);
        return completed / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[body.Length + 5];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }

    /// <summary>HTTP/2 cleartext POSTs with the same handler settings as a GrpcChannel.</summary>
    internal sealed class RawClient(Uri uri, byte[] body) : IDisposable
    {
        private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false });

        public async Task PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body),
            };
            using var response = await _invoker.SendAsync(request, CancellationToken.None);
            await response.Content.CopyToAsync(Stream.Null);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"raw echo answered {response.StatusCode}");
            }
        }

        public void Dispose() => _invoker.Dispose();
    }

    /// <summary>Echo with nothing else: the gRPC layer's own cost is what is measured.</summary>
    private sealed class BenchEchoService : IGrpcService
    {
        public static readonly ServiceDescriptor Descriptor = EchoReflection.Descriptor.Services.Single(s => s.Name == "EchoService");

        ServiceDescriptor IGrpcService.Descriptor => Descriptor;

        public void Bind(ServiceBinder binder) => binder.Unary<EchoRequest, EchoResponse>(
            "Echo", (request, _) => Task.FromResult(new EchoResponse { Text = request.Text, Payload = request.Payload }));
    }
}
