using System.Diagnostics;
using Google.Protobuf;
using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.Rpc.Tests.Echo;
using HealthRecords.TestSupport;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Benchmarks;

/// <summary>
/// R-OS-3 latency: from the serving clinic's off-site upload acknowledged by its district (500106) to
/// the notice visible at the owning district (500103) — relayed to the city, accepted and logged
/// there, streamed to 500103, applied, and sent to district IT's WatchDistrictEvents stream. One
/// upload at a time (the next after the previous notice arrived), so each figure is one notice's
/// path, not queueing. Baseline in the same run: a raw Kestrel HTTP/2 POST round trip on loopback.
///   dotnet run -c Release --project tests/Benchmarks -- offsite-notices [--notices 1000] [--warmup 100] [--postgres]
/// </summary>
internal static class OffsiteNoticeLatencyBenchmark
{
    private const string Owner = "500103C01";
    private const string Serving = "500106C01";

    public static async Task RunAsync(string[] args)
    {
        var notices = Arg(args, "--notices", 1000);
        var warmUp = Arg(args, "--warmup", 100);
        var postgres = args.Contains("--postgres");
        await using var pg = postgres ? await PostgresServer.StartAsync() : null;
        var connectionString = pg is null ? null : await pg.CreateDatabaseAsync("bench");
        await using var federation = new Federation();
        await federation.StartCityAsync(connectionString);
        var ownerDistrict = await federation.StartDistrictAsync("500103");
        var servingDistrict = await federation.StartDistrictAsync("500106");

        var residents = await EnrollAsync(ownerDistrict.Address, 50);
        using var watchChannel = TestChannel.For(ownerDistrict.Address);
        using var watch = new ServiceClient(watchChannel, District.DistrictEventsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("DistrictEventService"),
                () => new Metadata { { "hr-caller", "district:500103" } })
            .ServerStreaming<District.WatchDistrictEventsRequest, DistrictEvent>("WatchDistrictEvents", new());
        using var serving = TestChannel.Clinic(servingDistrict.Address, Serving);
        using var uploads = serving.OpenUploadStream(CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var latencies = new List<double>(notices);
        Console.WriteLine($"off-site notice latency: {notices:N0} notices after {warmUp:N0} warm-up, city on {(postgres ? "postgresql" : "sqlite")}, {Environment.ProcessorCount} cores");
        for (var i = 0; i < warmUp + notices; i++)
        {
            var id = $"offsite-bench-{i}";
            var request = new District.UploadServiceRecordsRequest();
            request.Records.Add(Service(id, residents[i % residents.Count], today));
            await uploads.RequestStream.WriteAsync(request);
            if (!await uploads.ResponseStream.MoveNext(CancellationToken.None))
                throw new InvalidOperationException("the serving district closed the upload stream");
            var ack = uploads.ResponseStream.Current.Acks.Single();
            if (ack.UploadId != id || ack.Outcome != UploadOutcome.Accepted)
                throw new InvalidOperationException($"upload {id} answered {ack}");
            var acknowledged = clock.Elapsed;
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                if (watch.ResponseStream.Current.OffsiteServiceNotice?.NoticeId == id)
                    break;
            }
            if (i >= warmUp)
                latencies.Add((clock.Elapsed - acknowledged).TotalMilliseconds);
        }
        await uploads.RequestStream.CompleteAsync();

        var baseline = await RawRoundTripsAsync(notices);
        var (median, p99) = (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
        var (rawMedian, rawP99) = (Percentile(baseline, 0.50), Percentile(baseline, 0.99));
        Console.WriteLine($"upload acknowledged → notice visible at the owning district: median {median:F1} ms, p99 {p99:F1} ms, max {latencies.Max():F1} ms");
        Console.WriteLine($"raw kestrel h2 POST round trip (same run): median {rawMedian:F2} ms, p99 {rawP99:F2} ms");
        Console.WriteLine($"ratio: median {median / rawMedian:F0}×, p99 {p99 / rawP99:F0}× the raw round trip");
    }

    private static async Task<List<string>> EnrollAsync(string districtAddress, int count)
    {
        using var clinic = TestChannel.Clinic(districtAddress, Owner);
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Born in 1950: elderly, a key population (R-OS-1).
            var n = (new DateOnly(1950, 1, 1).DayNumber - new DateOnly(1940, 1, 1).DayNumber) * 999L + i;
            numbers.Add((await clinic.EnrollAsync(new District.EnrollResidentRequest
            {
                RequestId = $"offsite-bench-{i}", EnrollingInstitutionCode = Owner, EnrolledBy = "bench", ResidenceCommitteeCode = "500103001001",
                Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(n) },
                Profile = new ResidentProfile { Name = "基准", DateOfBirth = new CalendarDate { Year = 1950, Month = 1, Day = 1 } },
            })).RecordNumber);
        }
        return numbers;
    }

    private static ServiceRecord Service(string id, string recordNumber, DateOnly date)
    {
        var r = new ServiceRecord
        {
            UploadId = id, RecordNumber = recordNumber, InstitutionCode = Serving, Kind = ServiceKind.ElderlyFollowUp,
            ServiceDate = new CalendarDate { Year = date.Year, Month = date.Month, Day = date.Day }, Staff = "赵医生", CostFen = 0, Report = "异地随访",
        };
        r.MainProblems.Add("老年人随访");
        return r;
    }

    /// <summary>The baseline: sequential raw HTTP/2 POST round trips to an in-process Kestrel echo, after a warm-up.</summary>
    internal static async Task<List<double>> RawRoundTripsAsync(int count)
    {
        await using var app = await RpcUnaryBenchmark.StartServerAsync();
        var address = app.GetGrpcListenAddresses().Single();
        using var raw = new RpcUnaryBenchmark.RawClient(new Uri(new Uri(address), RpcUnaryBenchmark.RawPath),
            RpcUnaryBenchmark.Frame(new EchoRequest { Text = "bench", Payload = ByteString.CopyFrom(new byte[256]) }));
        for (var i = 0; i < 200; i++)
            await raw.PostAsync();
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await raw.PostAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
