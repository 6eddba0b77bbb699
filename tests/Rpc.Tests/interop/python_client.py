"""grpcio client run against our C# server by InteropTests.

Usage: python_client.py TARGET STUB_DIR
Prints one "OK <step>" line per check and "ALL OK" at the end; exits non-zero on the first failure.
"""
import sys

target, stub_dir = sys.argv[1], sys.argv[2]
sys.path.insert(0, stub_dir)

import grpc  # noqa: E402
import echo_pb2  # noqa: E402
import echo_pb2_grpc  # noqa: E402
from google.rpc import status_pb2, error_details_pb2  # noqa: E402
# Generated from their own directories: a "grpc.health" package would be shadowed by grpc itself.
import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402
import reflection_pb2  # noqa: E402
import reflection_pb2_grpc  # noqa: E402

CHINESE = "病历已转移 100%"


def check(condition, what):
    if not condition:
        print("FAIL " + what, flush=True)
        sys.exit(1)


def ok(step):
    print("OK " + step, flush=True)


def metadata_dict(pairs):
    return {key: value for key, value in pairs}


channel = grpc.insecure_channel(target)
grpc.channel_ready_future(channel).result(timeout=10)
echo = echo_pb2_grpc.EchoServiceStub(channel)

# Unary with text and binary metadata both ways.
response, call = echo.Echo.with_call(
    echo_pb2.EchoRequest(text="from python", payload=b"\x00\x01\xff"),
    metadata=(("x-text", "py"), ("x-data-bin", b"\x00\x10\xfe")),
    timeout=10)
check(response.text == "from python" and response.payload == b"\x00\x01\xff", "unary echo")
check("x-text=py" in response.seen_headers and "x-data-bin=0010FE" in response.seen_headers, "request metadata seen by server")
initial = metadata_dict(call.initial_metadata())
check(initial.get("x-echo-text") == "py" and initial.get("x-echo-data-bin") == b"\x00\x10\xfe", "response headers %r" % (initial,))
trailing = metadata_dict(call.trailing_metadata())
check(trailing.get("x-trailer") == "done" and trailing.get("x-trailer-bin") == bytes([0, 1, 2, 254, 255]), "trailers %r" % (trailing,))
ok("unary")

# Server streaming.
texts = [r.text for r in echo.Expand(echo_pb2.EchoRequest(text="s", count=5), timeout=10)]
check(texts == ["s0", "s1", "s2", "s3", "s4"], "server streaming %r" % (texts,))
ok("server_streaming")

# Client streaming.
collected = echo.Collect(iter([echo_pb2.EchoRequest(text=t) for t in ("a", "b", "c")]), timeout=10)
check(collected.text == "a,b,c" and collected.received == 3, "client streaming %r" % (collected,))
ok("client_streaming")

# Bidirectional streaming.
replies = [r.text for r in echo.Chat(iter([echo_pb2.EchoRequest(text=t) for t in ("x", "y")]), timeout=10)]
check(replies == ["X", "Y"], "duplex %r" % (replies,))
ok("duplex")

# Error with rich details and a non-ASCII message.
try:
    echo.Fail(echo_pb2.FailRequest(kind="bad_request", message=CHINESE), timeout=10)
    check(False, "Fail did not fail")
except grpc.RpcError as error:
    check(error.code() == grpc.StatusCode.INVALID_ARGUMENT, "error code %s" % error.code())
    check(error.details() == CHINESE, "error message %r" % error.details())
    raw = metadata_dict(error.trailing_metadata()).get("grpc-status-details-bin")
    check(raw is not None, "grpc-status-details-bin present")
    status = status_pb2.Status.FromString(raw)
    check(status.code == 3 and status.message == CHINESE, "rich status %r" % status)
    bad_request = error_details_pb2.BadRequest()
    check(status.details[0].Unpack(bad_request), "BadRequest detail")
    check([v.field for v in bad_request.field_violations] == ["name", "birth_date"], "violations %r" % bad_request)
ok("error_details")

# Deadline.
try:
    echo.Wait(echo_pb2.EchoRequest(text="python-deadline"), timeout=0.3)
    check(False, "Wait did not time out")
except grpc.RpcError as error:
    check(error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, "deadline code %s" % error.code())
ok("deadline")

# Unbound method.
try:
    echo.Unbound(echo_pb2.EchoRequest(), timeout=10)
    check(False, "Unbound did not fail")
except grpc.RpcError as error:
    check(error.code() == grpc.StatusCode.UNIMPLEMENTED, "unbound code %s" % error.code())
ok("unimplemented")

# Health.
health = health_pb2_grpc.HealthStub(channel)
check(health.Check(health_pb2.HealthCheckRequest(service=""), timeout=10).status == health_pb2.HealthCheckResponse.SERVING, "health server")
check(health.Check(health_pb2.HealthCheckRequest(service="healthrecords.testing.v1.EchoService"), timeout=10).status
      == health_pb2.HealthCheckResponse.SERVING, "health echo")
try:
    health.Check(health_pb2.HealthCheckRequest(service="nope"), timeout=10)
    check(False, "unknown health service did not fail")
except grpc.RpcError as error:
    check(error.code() == grpc.StatusCode.NOT_FOUND, "health unknown code %s" % error.code())
ok("health")

# Reflection list_services.
reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
answers = list(reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10))
names = sorted(s.name for s in answers[0].list_services_response.service)
check("healthrecords.testing.v1.EchoService" in names and "grpc.health.v1.Health" in names, "reflection %r" % names)
ok("reflection")

print("ALL OK", flush=True)
