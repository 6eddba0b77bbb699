using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace HealthRecords.Rpc.Tests;

/// <summary>Hand-made HTTP/2 requests, to send what a well-behaved client never would.</summary>
public static class RawGrpc
{
    public sealed record Response(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body, HttpResponseHeaders Trailers)
    {
        /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
        public string? GrpcStatus => Get(Trailers, "grpc-status") ?? Get(Headers, "grpc-status");

        public string? GrpcMessage => Get(Trailers, "grpc-message") ?? Get(Headers, "grpc-message");

        public bool IsTrailersOnly => Get(Headers, "grpc-status") is not null;

        public static string? Get(HttpHeaders headers, string name) =>
            headers.NonValidated.TryGetValues(name, out var values) ? values.First() : null;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, bool compressed = false)
    {
        var frame = new byte[payload.Length + 5];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<Response> PostAsync(
        string address, string path, byte[] body, string contentType = "application/grpc", params (string Name, string Value)[] headers)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(address), path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new Response(response.StatusCode, response.Headers, response.Content.Headers, bytes, response.TrailingHeaders);
    }
}
