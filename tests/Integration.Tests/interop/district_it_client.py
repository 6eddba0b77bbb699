"""A district IT system written in Python with grpcio, from nothing but our .proto files.

Usage: district_it_client.py STUBS_DIR DISTRICT_ADDRESS DISTRICT_CODE CITIZEN_ID
Enrolls a resident through the district as the district itself, enrolls the same person again and
decodes the ALREADY_EXISTS details, looks the resident up, watches the district's events until the
enrollment is applied and lists the district's records.
Prints one line per check and exits non-zero on the first failure.
"""
import sys

sys.path.insert(0, sys.argv[1])
import grpc  # noqa: E402
from google.rpc import status_pb2  # noqa: E402
from healthrecords.district.v1 import district_events_pb2  # noqa: E402
from healthrecords.district.v1 import district_gateway_pb2 as gw  # noqa: E402
from healthrecords.types.v1 import district_event_pb2, errors_pb2, identity_pb2, record_pb2  # noqa: E402

address, district, citizen_id = sys.argv[2], sys.argv[3], sys.argv[4]
# Mutual TLS (R-AC-5) with the district IT certificate when given: CA, certificate and key (PEM files).
tls = len(sys.argv) > 7


def read(path):
    with open(path, "rb") as f:
        return f.read()


def open_channel(with_certificate=True):
    if not tls:
        return grpc.insecure_channel(address)
    credentials = grpc.ssl_channel_credentials(
        root_certificates=read(sys.argv[5]),
        private_key=read(sys.argv[7]) if with_certificate else None,
        certificate_chain=read(sys.argv[6]) if with_certificate else None,
    )
    # The node's certificate names localhost (and 127.0.0.1); check the name as clients on this machine do.
    return grpc.secure_channel(address, credentials, options=(("grpc.ssl_target_name_override", "localhost"),))


channel = open_channel()
caller = (("hr-caller", f"district:{district}"),)


def unary(name, request, response_type):
    call = channel.unary_unary(
        f"/healthrecords.district.v1.DistrictGateway/{name}",
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=response_type.FromString,
    )
    return call(request, metadata=caller, timeout=30)


def check(condition, text):
    print(("ok   " if condition else "FAIL ") + text, flush=True)
    if not condition:
        sys.exit(1)


request = gw.EnrollResidentRequest(
    request_id="py-1",
    enrolling_institution_code=f"{district}C01",
    enrolled_by="district IT import",
    residence_committee_code=f"{district}001001",
    identity=identity_pb2.ResidentIdentity(citizen_id_number=citizen_id),
    profile=record_pb2.ResidentProfile(name="蒋华"),
)
enrolled = unary("EnrollResident", request, gw.EnrollResidentResponse)
check(len(enrolled.entry.record_number) == 17, f"enrolled as {enrolled.entry.record_number}")

request.request_id = "py-2"
request.enrolling_institution_code = f"{district}C02"
try:
    unary("EnrollResident", request, gw.EnrollResidentResponse)
    check(False, "second enrollment must be refused")
except grpc.RpcError as e:
    check(e.code() == grpc.StatusCode.ALREADY_EXISTS, f"second enrollment refused: {e.code()}")
    raw = dict(e.trailing_metadata()).get("grpc-status-details-bin")
    check(raw is not None, "grpc-status-details-bin present")
    status = status_pb2.Status.FromString(raw)
    existing = errors_pb2.ExistingEnrollment()
    check(status.details[0].Unpack(existing), "details carry ExistingEnrollment")
    check(existing.entry.record_number == enrolled.entry.record_number, "details name the existing record")

found = unary("LookupEnrollment", gw.LookupEnrollmentRequest(identity=identity_pb2.ResidentIdentity(citizen_id_number=citizen_id)), gw.LookupEnrollmentResponse)
check(found.enrolled and found.entry.record_number == enrolled.entry.record_number, "lookup finds the record")

# The district's index follows the city's event feed: watch it until the enrollment is applied.
watch = channel.unary_stream(
    "/healthrecords.district.v1.DistrictEventService/WatchDistrictEvents",
    request_serializer=lambda m: m.SerializeToString(),
    response_deserializer=district_event_pb2.DistrictEvent.FromString,
)
applied = None
events = watch(district_events_pb2.WatchDistrictEventsRequest(after_sequence=0), metadata=caller, timeout=60)
try:
    for event in events:
        if event.WhichOneof("event") == "record_changed" and event.record_changed.record_number == enrolled.entry.record_number:
            applied = event
            break
finally:
    events.cancel()
check(applied is not None and applied.sequence > 0, f"event watch delivers it as the city's event {applied.sequence if applied else '?'}")

page = unary("ListDistrictRecords", gw.ListDistrictRecordsRequest(page_size=1000), gw.ListDistrictRecordsResponse)
check(any(e.record_number == enrolled.entry.record_number for e in page.entries), "district index lists it")

try:
    open_channel(with_certificate=False).unary_unary(
        "/healthrecords.district.v1.DistrictGateway/LookupEnrollment",
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=gw.LookupEnrollmentResponse.FromString,
    )(gw.LookupEnrollmentRequest(), timeout=30)
    check(False, "anonymous call must be refused")
except grpc.RpcError as e:
    # Without a client certificate the TLS handshake itself is refused; in cleartext the node refuses the call.
    expected = grpc.StatusCode.UNAVAILABLE if tls else grpc.StatusCode.UNAUTHENTICATED
    check(e.code() == expected, f"anonymous call refused: {e.code()}")
print("all checks passed")
