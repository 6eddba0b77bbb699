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
channel = grpc.insecure_channel(address)
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
    grpc.insecure_channel(address).unary_unary(
        "/healthrecords.district.v1.DistrictGateway/LookupEnrollment",
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=gw.LookupEnrollmentResponse.FromString,
    )(gw.LookupEnrollmentRequest(), timeout=30)
    check(False, "anonymous call must be refused")
except grpc.RpcError as e:
    check(e.code() == grpc.StatusCode.UNAUTHENTICATED, f"anonymous call refused: {e.code()}")
print("all checks passed")
