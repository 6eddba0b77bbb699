using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

/// <summary>Applications map their own exceptions to statuses in one place instead of in every handler.</summary>
public sealed class ExceptionMapperTests
{
    [Fact]
    public async Task MappedException_IsAnsweredWithTheMappedStatusAndDetails()
    {
        // Arrange: the first mapper declines, the second maps InvalidOperationException.
        await using var server = await TestServer.StartAsync(options: o =>
        {
            o.ExceptionMappers.Add(_ => null);
            o.ExceptionMappers.Add(e => e is InvalidOperationException
                ? RpcErrors.FailedPrecondition("mapped: " + e.Message, "R-TEST-1", "records/1", "refused by rule")
                : null);
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.UnaryCall(EchoMethods.Fail, new FailRequest { Kind = "crash" }));

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("mapped: secret internal detail", error.Status.Detail);
        Assert.Equal("R-TEST-1", error.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type);
    }

    [Fact]
    public async Task UnmappedException_StaysUnknown_WithoutLeakingItsMessage()
    {
        await using var server = await TestServer.StartAsync(options: o => o.ExceptionMappers.Add(_ => null));
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.UnaryCall(EchoMethods.Fail, new FailRequest { Kind = "crash" }));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.DoesNotContain("secret", error.Status.Detail);
    }
}
