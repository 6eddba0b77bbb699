using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace HealthRecords.Rpc;

/// <summary>How a client derives the call status from a response or a failure (PROTOCOL-HTTP2.md, http-grpc-status-mapping.md).</summary>
internal static class ClientStatus
{
    public static bool HasStatus(HttpHeaders headers) => headers.NonValidated.Contains(GrpcProtocol.StatusHeader);

    public static string? GetHeader(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>grpc-status, grpc-message and grpc-status-details-bin from trailers (or trailers-only headers).</summary>
    public static (Status Status, Google.Rpc.Status? Rich) Read(HttpHeaders headers)
    {
        var code = GetHeader(headers, GrpcProtocol.StatusHeader);
        if (code is null)
        {
            return (new Status(StatusCode.Internal, "No grpc-status found on response."), null);
        }
        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return (new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{code}'."), null);
        }
        var message = GetHeader(headers, GrpcProtocol.MessageHeader);
        var detail = message is null ? "" : GrpcMessageText.Decode(message);
        Google.Rpc.Status? rich = null;
        if (GetHeader(headers, GrpcProtocol.StatusDetailsHeader) is { } details && MetadataHeaders.TryDecodeBinary(details, out var bytes))
        {
            rich = RichStatusCodec.TryParse(bytes);
        }
        return (new Status((StatusCode)value, detail), rich);
    }

    /// <summary>The final status when the response headers already end the call (trailers-only or not gRPC), else null.</summary>
    public static (Status Status, Google.Rpc.Status? Rich)? FromResponseHeaders(HttpResponseMessage response)
    {
        if (HasStatus(response.Headers))
        {
            return Read(response.Headers);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (new Status(FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"), null);
        }
        var contentType = GetHeader(response.Content.Headers, "content-type");
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return (new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}"), null);
        }
        return null;
    }

    public static StatusCode FromHttpStatus(HttpStatusCode code) => (int)code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>Transport failures: the peer could not be reached or the stream broke.</summary>
    public static Status FromException(Exception exception)
    {
        var protocol = exception as HttpProtocolException ?? exception.InnerException as HttpProtocolException;
        if (protocol is not null)
        {
            var code = protocol.ErrorCode switch
            {
                0x7 => StatusCode.Unavailable, // REFUSED_STREAM
                0x8 => StatusCode.Cancelled, // CANCEL
                0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
                0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
                _ => StatusCode.Internal,
            };
            return new Status(code, $"Error reading from the HTTP/2 stream: {protocol.Message}");
        }
        return exception switch
        {
            HttpRequestException => new Status(StatusCode.Unavailable, $"Error starting gRPC call. {Describe(exception)}"),
            IOException or ObjectDisposedException => new Status(StatusCode.Unavailable, $"Error reading the gRPC response. {Describe(exception)}"),
            OperationCanceledException => new Status(StatusCode.Cancelled, "Call canceled."),
            _ => new Status(StatusCode.Internal, $"Error in the gRPC call. {Describe(exception)}"),
        };
    }

    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return exception.InnerException is { } inner ? $"{text} {inner.GetType().Name}: {inner.Message}" : text;
    }
}
