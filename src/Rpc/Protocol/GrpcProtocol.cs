namespace HealthRecords.Rpc;

/// <summary>Names and values from the gRPC over HTTP/2 spec (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";
    public const string SupportedEncodings = "identity,gzip";
    public const string UserAgent = "grpc-dotnet-healthrecords/1.0";

    /// <summary>application/grpc, application/grpc+proto, application/grpc;charset=... but not application/grpc-web.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>
    /// Headers that are part of the protocol rather than custom metadata; never surfaced in
    /// <see cref="Metadata"/> (grpc-status-details-bin is surfaced in trailers on purpose).
    /// </summary>
    public static bool IsReservedHeader(string name)
    {
        if (name.Length == 0 || name[0] == ':')
        {
            return true;
        }
        if (name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase))
        {
            return !name.Equals(StatusDetailsHeader, StringComparison.OrdinalIgnoreCase);
        }
        return name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
            || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
            || name.Equals("te", StringComparison.OrdinalIgnoreCase)
            || name.Equals("host", StringComparison.OrdinalIgnoreCase)
            || name.Equals("user-agent", StringComparison.OrdinalIgnoreCase)
            || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
            || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
            || name.Equals("date", StringComparison.OrdinalIgnoreCase)
            || name.Equals("server", StringComparison.OrdinalIgnoreCase);
    }
}
