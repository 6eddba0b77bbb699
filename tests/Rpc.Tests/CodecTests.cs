namespace HealthRecords.Rpc.Tests;

public sealed class CodecTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1500u", 15_000L)]
    [InlineData("99999999n", 999_999L)]
    public void Grpc_timeout_units_parse(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("10x")]
    public void Malformed_grpc_timeout_is_ignored(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Grpc_timeout_formats_within_eight_digits_and_never_shorter()
    {
        Assert.Equal("1500m", GrpcTimeout.Format(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("1m", GrpcTimeout.Format(TimeSpan.FromTicks(10)));
        Assert.Equal("1m", GrpcTimeout.Format(TimeSpan.FromSeconds(-3)));
        Assert.Equal("100000S", GrpcTimeout.Format(TimeSpan.FromSeconds(100_000)));
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(TimeSpan.FromDays(3650)), out var tenYears));
        Assert.True(tenYears >= TimeSpan.FromDays(3650));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("a\nb", "a%0Ab")]
    public void Grpc_message_percent_encoding(string text, string wire)
    {
        Assert.Equal(wire, GrpcMessageText.Encode(text));
        Assert.Equal(text, GrpcMessageText.Decode(wire));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("50%zz", "50%zz")]
    [InlineData("%E2%82", "\uFFFD")]
    public void Malformed_percent_encoding_is_kept(string wire, string text) => Assert.Equal(text, GrpcMessageText.Decode(wire));

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("Application/GRPC; charset=utf-8", true)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Grpc_content_types(string? contentType, bool expected) => Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));

    [Theory]
    [InlineData("127.0.0.1:5001", "127.0.0.1", 5001)]
    [InlineData("[::1]:0", "::1", 0)]
    [InlineData("*:7000", "0.0.0.0", 7000)]
    [InlineData("localhost:80", "127.0.0.1", 80)]
    public void Listen_values_parse(string value, string address, int port)
    {
        var endpoint = GrpcKestrelExtensions.ParseEndpoint(value);
        Assert.Equal(address, endpoint.Address.ToString());
        Assert.Equal(port, endpoint.Port);
    }
}
