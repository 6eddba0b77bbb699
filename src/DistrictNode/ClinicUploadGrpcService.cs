using System.Threading.Channels;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.District;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>healthrecords.district.v1.ClinicUploadService: clinics' upload streams, and what became of each upload.</summary>
public sealed class ClinicUploadGrpcService(UploadIntake intake, UploadLog log, District district) : IGrpcService
{
    // Records committed per transaction: large enough to amortise the fsync, small enough to ack promptly.
    private const int MaxBatch = 500;

    // A clinic groups records into messages; a bound keeps one message within the receive limit.
    private const int MaxPerMessage = 1000;

    public ServiceDescriptor Descriptor => ClinicUploadsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicUploadService");

    public void Bind(ServiceBinder binder) => binder
        .DuplexStreaming<UploadServiceRecordsRequest, UploadServiceRecordsResponse>(nameof(UploadServiceRecords), UploadServiceRecords)
        .Unary<ListUploadedServiceRecordsRequest, ListUploadedServiceRecordsResponse>(nameof(ListUploadedServiceRecords), ListUploadedServiceRecords)
        .Unary<GetUploadedServiceRecordRequest, UploadedServiceRecord>(nameof(GetUploadedServiceRecord), GetUploadedServiceRecord);

    /// <summary>
    /// Reads ahead into a buffer so that whatever has arrived is committed in one transaction; each
    /// record is acknowledged only after that commit (a crash before it loses nothing acknowledged).
    /// </summary>
    private async Task UploadServiceRecords(IAsyncStreamReader<UploadServiceRecordsRequest> requests,
        IServerStreamWriter<UploadServiceRecordsResponse> responses, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        var inbox = Channel.CreateBounded<IReadOnlyList<Types.ServiceRecord>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var pump = Task.Run(async () =>
        {
            try
            {
                while (await requests.MoveNext(ct))
                {
                    if (requests.Current.Records.Count > MaxPerMessage)
                        throw new DomainValidationException([new FieldViolation("records", $"at most {MaxPerMessage} records per message, got {requests.Current.Records.Count}.")]);
                    await inbox.Writer.WriteAsync(requests.Current.Records, ct);
                }
                inbox.Writer.Complete();
            }
            catch (Exception e)
            {
                inbox.Writer.Complete(e);
            }
        }, ct);
        var batch = new List<Types.ServiceRecord>(MaxBatch + MaxPerMessage);
        while (await inbox.Reader.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && inbox.Reader.TryRead(out var records))
                batch.AddRange(records);
            var response = new UploadServiceRecordsResponse();
            response.Acks.AddRange(await intake.AcceptAsync(batch, caller, ct));
            await responses.WriteAsync(response, ct);
        }
        await pump;
    }

    private async Task<ListUploadedServiceRecordsResponse> ListUploadedServiceRecords(ListUploadedServiceRecordsRequest request, ServerCallContext context)
    {
        var institution = ActingFor(context, request.InstitutionCode);
        var pageSize = Paging.PageSize(request.PageSize);
        var after = Paging.AfterKey(request.PageToken) is { } key && long.TryParse(key, out var seq) ? seq : 0;
        var fetched = await log.ListAsync(institution, request.RejectedOnly, after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, u => u.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = new ListUploadedServiceRecordsResponse { NextPageToken = next };
        response.Uploads.AddRange(items.Select(ToProto));
        return response;
    }

    private async Task<UploadedServiceRecord> GetUploadedServiceRecord(GetUploadedServiceRecordRequest request, ServerCallContext context)
    {
        var upload = await log.GetAsync(request.UploadId, context.CancellationToken);
        if (upload is null || ActingFor(context, upload.InstitutionCode) != upload.InstitutionCode)
            throw new RpcException(new Status(StatusCode.NotFound, $"No upload {request.UploadId} of yours at district {district.Code}."));
        return ToProto(upload);
    }

    /// <summary>A clinic sees its own uploads; the district's IT sees any of its clinics' (null = all).</summary>
    private string? ActingFor(ServerCallContext context, string institutionCode)
    {
        var caller = context.GetCaller();
        var requested = ProtoMapping.NullIfEmpty(institutionCode);
        if (caller.Kind == CallerKind.District)
            return requested;
        if (requested is not null && requested != caller.Code)
            throw new DomainValidationException([new FieldViolation("institution_code", $"{caller} sees its own uploads only.")]);
        return caller.Code;
    }

    private static UploadedServiceRecord ToProto(StoredUpload u) => new()
    {
        Record = Types.ServiceRecord.Parser.ParseFrom(u.Payload),
        ReceivedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(u.ReceivedAt),
        RelayState = (UploadedServiceRecord.Types.RelayState)(int)u.State,
        CityAck = u.CityAck is null ? null : Types.UploadAck.Parser.ParseFrom(u.CityAck),
    };
}
