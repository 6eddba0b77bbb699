using Google.Rpc;
using HealthRecords.Rpc.Tests.Echo;

namespace HealthRecords.Rpc.Tests;

public sealed class ErrorTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private Task<RpcException> FailAsync(string kind, string message) =>
        Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryCall(EchoMethods.Fail, new FailRequest { Kind = kind, Message = message }).ResponseAsync);

    [Fact]
    public async Task Bad_request_field_violations_round_trip()
    {
        var error = await FailAsync("bad_request", "patient is invalid");

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("patient is invalid", error.Status.Detail);
        var badRequest = error.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(["name", "birth_date"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal("is in the future", badRequest.FieldViolations[1].Description);
        Assert.Equal((int)StatusCode.InvalidArgument, error.RichStatus!.Code);
        Assert.NotNull(error.Trailers.GetValueBytes("grpc-status-details-bin"));
        Assert.Null(error.GetDetail<ErrorInfo>());
    }

    [Fact]
    public async Task Precondition_failure_round_trips()
    {
        var error = await FailAsync("precondition", "cannot transfer");

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violation = Assert.Single(error.GetDetail<PreconditionFailure>()!.Violations);
        Assert.Equal(("RECORD_STATE", "records/42", "the record is archived"), (violation.Type, violation.Subject, violation.Description));
    }

    [Fact]
    public async Task Error_info_and_extra_details_round_trip()
    {
        var error = await FailAsync("error_info", "already enrolled");

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        var info = error.GetDetail<ErrorInfo>()!;
        Assert.Equal("DUPLICATE_IDENTITY", info.Reason);
        Assert.Equal("city.healthrecords", info.Domain);
        Assert.Equal("rec-1", info.Metadata["existing_record"]);
        Assert.Equal("记录已存在", error.GetDetail<LocalizedMessage>()!.Message);
    }

    [Fact]
    public async Task Non_ascii_message_is_percent_encoded_and_decoded()
    {
        const string message = "病历 100% 已转移 — ok\ttab";
        var error = await FailAsync("plain", message);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);

        var raw = await RawGrpc.PostAsync(fixture.Server.Address, "/healthrecords.testing.v1.EchoService/Fail",
            RawGrpc.Frame(new FailRequest { Kind = "plain", Message = message }));
        Assert.Equal("%E7%97%85%E5%8E%86 100%25 %E5%B7%B2%E8%BD%AC%E7%A7%BB %E2%80%94 ok%09tab", raw.GrpcMessage);
    }

    [Fact]
    public async Task Errors_before_any_message_are_trailers_only_with_custom_trailers()
    {
        var raw = await RawGrpc.PostAsync(fixture.Server.Address, "/healthrecords.testing.v1.EchoService/Fail",
            RawGrpc.Frame(new FailRequest { Kind = "plain", Message = "gone" }));

        Assert.Equal(System.Net.HttpStatusCode.OK, raw.HttpStatus);
        Assert.True(raw.IsTrailersOnly);
        Assert.Equal("5", RawGrpc.Response.Get(raw.Headers, "grpc-status"));
        Assert.Equal("plain", RawGrpc.Response.Get(raw.Headers, "x-reason"));
        Assert.Equal("application/grpc", raw.ContentHeaders.ContentType?.MediaType);
        Assert.Empty(raw.Body);

        var error = await FailAsync("plain", "gone");
        Assert.Equal("plain", error.Trailers.GetValue("x-reason"));
        Assert.Equal(TestEchoService.TrailerBytes, error.Trailers.GetValueBytes("x-reason-bin"));
    }

    [Fact]
    public async Task Handler_crash_is_unknown_without_leaking_the_exception()
    {
        var error = await FailAsync("crash", "");

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
    }

    [Fact]
    public async Task Detailed_errors_include_the_exception_when_enabled()
    {
        await using var server = await TestServer.StartAsync(options: o => o.EnableDetailedErrors = true);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(EchoMethods.Fail, new FailRequest { Kind = "crash" }).ResponseAsync);

        Assert.Equal("Exception was thrown by handler. InvalidOperationException: secret internal detail", error.Status.Detail);
    }

    [Fact]
    public async Task Status_set_on_the_context_is_sent_without_the_response()
    {
        using var call = fixture.Channel.UnaryCall(EchoMethods.Fail, new FailRequest { Kind = "status", Message = "not yours" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(new Status(StatusCode.PermissionDenied, "not yours"), error.Status);
        Assert.Equal(error.Status, call.GetStatus());
    }

    [Fact]
    public async Task Error_after_streamed_messages_arrives_in_trailers_with_details()
    {
        using var call = fixture.Channel.DuplexStreamingCall(EchoMethods.Chat);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "one" });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "fail" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("CHAT_FAILED", error.GetDetail<ErrorInfo>()!.Reason);
        Assert.Equal(StatusCode.Aborted, call.GetStatus().StatusCode);
        var again = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Aborted, again.StatusCode);
    }

    [Fact]
    public async Task Client_streaming_error_reaches_the_response_and_later_writes()
    {
        using var call = fixture.Channel.ClientStreamingCall(EchoMethods.Collect);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "fail" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("text", error.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "late" }));
        Assert.Equal(StatusCode.InvalidArgument, writeError.StatusCode);
    }

    [Fact]
    public void Rpc_errors_helpers_build_rich_statuses()
    {
        var error = RpcErrors.Create(StatusCode.ResourceExhausted, "slow down", new RetryInfo { RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("slow down", error.Status.Detail);
        Assert.Equal(2, error.GetDetail<RetryInfo>()!.RetryDelay.Seconds);
        Assert.Contains("ResourceExhausted", error.Message);
    }
}
