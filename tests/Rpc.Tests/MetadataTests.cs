using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

public sealed class MetadataTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly byte[] Binary = [0, 1, 2, 127, 128, 200, 255];

    [Fact]
    public async Task Text_and_binary_metadata_travel_both_ways()
    {
        var headers = new Metadata { { "X-Text", "hello world" }, { "x-data-bin", Binary } };
        using var call = fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest(), new CallOptions(headers));

        var response = await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Contains("x-text=hello world", response.SeenHeaders);
        Assert.Contains($"x-data-bin={Convert.ToHexString(Binary)}", response.SeenHeaders);
        Assert.Equal("hello world", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(Binary, responseHeaders.GetValueBytes("x-echo-data-bin"));
        Assert.Equal("done", trailers.GetValue("x-trailer"));
        Assert.Equal(TestEchoService.TrailerBytes, trailers.GetValueBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task Protocol_headers_are_not_surfaced_as_metadata()
    {
        using var call = fixture.Channel.UnaryCall(EchoMethods.Echo, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddMinutes(1)));

        var response = await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var seenKeys = response.SeenHeaders.Select(h => h.Split('=')[0]).ToList();

        Assert.Contains("deadline=set", response.SeenHeaders);
        foreach (var reserved in new[] { "te", "content-type", "grpc-timeout", "grpc-accept-encoding", "user-agent", "host", ":path" })
        {
            Assert.DoesNotContain(reserved, seenKeys);
        }
        Assert.DoesNotContain(responseHeaders, e => e.Key.StartsWith("grpc-", StringComparison.Ordinal) || e.Key is "content-type" or "date" or "server");
        Assert.Null(call.GetTrailers().GetValue("grpc-status"));
    }

    [Fact]
    public void Keys_are_lower_cased_and_validated()
    {
        var metadata = new Metadata { { "X-Mixed-Case", "v" } };

        Assert.Equal("x-mixed-case", metadata.Single().Key);
        Assert.Equal("v", metadata.GetValue("X-MIXED-CASE"));
        Assert.Throws<ArgumentException>(() => metadata.Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-bin", "text for a binary key"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-text", new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-text", "non-ascii é"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-text", "line\nbreak"));
    }

    [Fact]
    public void Last_value_wins_and_all_values_are_kept()
    {
        var metadata = new Metadata { { "x-a", "1" }, { "x-a", "2" } };

        Assert.Equal("2", metadata.GetValue("x-a"));
        Assert.Equal(["1", "2"], metadata.GetAll("x-a").Select(e => e.Value));
        Assert.Equal(2, metadata.Count);
        Assert.Null(metadata.GetValue("x-missing"));
        Assert.Null(metadata.GetValueBytes("x-a"));
    }

    [Theory]
    [InlineData("AAECf4DI/w")]
    [InlineData("AAECf4DI/w==")]
    public void Binary_values_are_accepted_padded_or_not(string wire)
    {
        Assert.True(MetadataHeaders.TryDecodeBinary(wire, out var bytes));
        Assert.Equal(Binary, bytes);
        Assert.Equal("AAECf4DI/w", MetadataHeaders.EncodeBinary(Binary));
    }
}
