"""grpcio server that our C# client calls in InteropTests.

Usage: python_server.py STUB_DIR
Prints "PORT <n>" once listening on 127.0.0.1, then serves until stdin closes.
"""
import sys
from concurrent import futures

stub_dir = sys.argv[1]
sys.path.insert(0, stub_dir)

import grpc  # noqa: E402
from google.protobuf import any_pb2  # noqa: E402
import echo_pb2  # noqa: E402
import echo_pb2_grpc  # noqa: E402
from google.rpc import status_pb2, error_details_pb2  # noqa: E402


class Echo(echo_pb2_grpc.EchoServiceServicer):
    def Echo(self, request, context):
        metadata = dict(context.invocation_metadata())
        context.send_initial_metadata((("x-echo-text", metadata.get("x-text", "")),
                                       ("x-echo-data-bin", metadata.get("x-data-bin", b""))))
        context.set_trailing_metadata((("x-trailer", "done"), ("x-trailer-bin", bytes([0, 1, 2, 254, 255]))))
        seen = ["%s=%s" % (k, v.hex().upper() if isinstance(v, bytes) else v) for k, v in metadata.items()]
        return echo_pb2.EchoResponse(text=request.text, payload=request.payload, seen_headers=seen)

    def Expand(self, request, context):
        for i in range(request.count):
            yield echo_pb2.EchoResponse(text="%s%d" % (request.text, i), index=i)

    def Collect(self, request_iterator, context):
        texts = [r.text for r in request_iterator]
        return echo_pb2.EchoResponse(text=",".join(texts), received=len(texts))

    def Chat(self, request_iterator, context):
        for i, request in enumerate(request_iterator):
            yield echo_pb2.EchoResponse(text=request.text.upper(), index=i)

    def Fail(self, request, context):
        bad_request = error_details_pb2.BadRequest()
        bad_request.field_violations.add(field="name", description="must not be empty")
        detail = any_pb2.Any()
        detail.Pack(bad_request)
        status = status_pb2.Status(code=grpc.StatusCode.INVALID_ARGUMENT.value[0], message=request.message, details=[detail])
        context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, request.message)

    def Wait(self, request, context):
        import time
        while context.is_active():
            time.sleep(0.02)
        return echo_pb2.EchoResponse()


server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
echo_pb2_grpc.add_EchoServiceServicer_to_server(Echo(), server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("PORT %d" % port, flush=True)
sys.stdin.read()
server.stop(0)
