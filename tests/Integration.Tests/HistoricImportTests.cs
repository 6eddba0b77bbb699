using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Identity;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// Issue 8 over real processes: the district's IT streams its historic records through its district
/// node to the city; the city is killed mid-import, the client reconnects with the same import id and
/// resumes; nothing acknowledged is lost or imported twice, and the district's index receives the records.
/// </summary>
public sealed class HistoricImportTests
{
    private const string Clinic = "500103C01";
    private const string Committee = "500103001002";

    [Fact]
    public async Task Import_ThroughTheDistrict_ResumesAfterTheCityIsKilled_AndTheDistrictIndexReceivesTheRecords()
    {
        // R-ID-1 (exact held, probable proposed), R-CN-2 (the district's index follows), no loss after a crash
        // Arrange
        await using var federation = new Federation();
        var cityNode = await federation.StartCityAsync();
        var districtNode = await federation.StartDistrictAsync("500103");
        using var city = TestChannel.For(cityNode.Address);
        using var district = TestChannel.For(districtNode.Address);
        var enrolled = await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(940_000), Clinic, Committee);
        var imports = Imports(district, "district:500103");
        var lookAlike = CitizenIdNumber.Parse(TestIdentities.CitizenId(940_004));
        var records = new[]
        {
            Record(1, TestIdentities.CitizenId(940_000), "周文", "13700000001"), // the enrolled resident again: held
            Record(2, TestIdentities.CitizenId(940_002), "吴敏", "13700000002"),
            Record(3, "", "郑华", "13700000003"), // no identity: rejected, naming the field
            Record(4, TestIdentities.CitizenId(940_004), "冯涛", "13700000004"),
            Record(5, "", "冯涛", "137 0000 0004", certificate: "C200000005", born: lookAlike.BirthDate, sex: lookAlike.Sex), // probable with 4
            Record(6, TestIdentities.CitizenId(940_006), "陈丽", "13700000006"),
        };

        // Act: the first two records, then the city dies with the stream open
        var first = imports.DuplexStreaming<City.ImportHistoricRecordsRequest, City.ImportHistoricRecordsResponse>("ImportHistoricRecords");
        var started = await SendAsync(first, Start("yz-2011"));
        var firstBatch = await SendAsync(first, Batch(records[..2]));
        Exception? broken;
        await cityNode.KillAsync();
        using (var patience = new CancellationTokenSource(Feeds.Timeout))
        {
            broken = await Xunit.Record.ExceptionAsync(async () =>
            {
                await first.RequestStream.WriteAsync(Batch(records[2..4]), patience.Token);
                while (await first.ResponseStream.MoveNext(patience.Token))
                {
                }
            });
        }
        first.Dispose();
        await cityNode.StartAsync();
        // The client reconnects with the same import id, learns where to resume, and re-sends from there (record 2 again).
        await WaitForCityAsync(imports, "yz-2011");
        using var second = imports.DuplexStreaming<City.ImportHistoricRecordsRequest, City.ImportHistoricRecordsResponse>("ImportHistoricRecords");
        var resumed = await SendAsync(second, Start("yz-2011"));
        var secondBatch = await SendAsync(second, Batch(records[1..]));
        var completed = await SendAsync(second, new City.ImportHistoricRecordsRequest { Complete = new City.CompleteHistoricImport() });
        await second.RequestStream.CompleteAsync();
        var read = await imports.UnaryAsync<City.GetHistoricImportRequest, City.HistoricImport>("GetHistoricImport", new() { ImportId = "yz-2011" });
        var asClinic = await Assert.ThrowsAsync<RpcException>(() =>
            Imports(district, $"institution:{Clinic}").UnaryAsync<City.GetHistoricImportRequest, City.HistoricImport>("GetHistoricImport", new() { ImportId = "yz-2011" }));

        // Assert
        Assert.Equal(0, started.HistoricImport.LastSequence);
        Assert.IsType<RpcException>(broken);
        Assert.Equal(City.HistoricImportOutcome.HeldForReview, firstBatch.Items[0].Outcome);
        Assert.Equal(enrolled.RecordNumber, firstBatch.Items[0].RecordNumber);
        Assert.Equal(2, resumed.HistoricImport.LastSequence);
        Assert.Equal(firstBatch.Items[1], secondBatch.Items[0]); // answered as before, not imported twice
        Assert.Equal([2L, 3, 4, 5, 6], secondBatch.Items.Select(i => i.Sequence));
        var rejected = secondBatch.Items.Single(i => i.Sequence == 3);
        Assert.Equal(City.HistoricImportOutcome.Rejected, rejected.Outcome);
        Assert.Equal("identity", rejected.Field); // R-ID-2: the field is named, the rest of the batch enters
        Assert.Equal(City.HistoricImportState.Completed, completed.HistoricImport.State);
        Assert.Equal((4L, 1L, 1L, 1L, 1L), (read.ImportedCount, read.HeldCount, read.RejectedCount, read.ExactCandidateCount, read.ProbableCandidateCount));
        Assert.Equal(6, read.LastSequence);
        Assert.Equal(StatusCode.PermissionDenied, asClinic.StatusCode);
        var imported = secondBatch.Items.Where(i => i.Outcome == City.HistoricImportOutcome.Imported).Select(i => i.RecordNumber)
            .Append(firstBatch.Items[0].HeldRecordNumber).Append(enrolled.RecordNumber).Order(StringComparer.Ordinal).ToList();
        await Uploads.EventuallyAsync(async () => (await Feeds.DistrictRecordsAsync(district, "500103")).Count == imported.Count,
            Feeds.Timeout, "the imported records in the district's index");
        Assert.Equal(imported, (await Feeds.DistrictRecordsAsync(district, "500103")).Select(e => e.RecordNumber).Order(StringComparer.Ordinal));
        var cityCopy = (await Feeds.CityRecordsAsync(city, "500103")).Single(e => e.RecordNumber == secondBatch.Items.Single(i => i.Sequence == 6).RecordNumber);
        Assert.Equal(new DateTimeOffset(2011, 5, 3, 0, 0, 0, TimeSpan.FromHours(8)), cityCopy.EnrolledAt.ToDateTimeOffset()); // R-MG-1: the historic date
    }

    private static ServiceClient Imports(GrpcChannel district, string caller) =>
        new(district, District.HistoricImportReflection.Descriptor.FindTypeByName<ServiceDescriptor>("HistoricImportService"), () => CallerMetadata.For(caller));

    private static async Task<City.ImportHistoricRecordsResponse> SendAsync(
        AsyncDuplexStreamingCall<City.ImportHistoricRecordsRequest, City.ImportHistoricRecordsResponse> call, City.ImportHistoricRecordsRequest request)
    {
        using var patience = new CancellationTokenSource(Feeds.Timeout);
        await call.RequestStream.WriteAsync(request, patience.Token);
        Assert.True(await call.ResponseStream.MoveNext(patience.Token), $"no answer to {request.StepCase}");
        return call.ResponseStream.Current;
    }

    /// <summary>The client retries until the district reaches the restarted city (until then: UNAVAILABLE).</summary>
    private static async Task WaitForCityAsync(ServiceClient imports, string importId)
    {
        await Uploads.EventuallyAsync(async () =>
        {
            try
            {
                return (await imports.UnaryAsync<City.GetHistoricImportRequest, City.HistoricImport>("GetHistoricImport", new() { ImportId = importId })) is not null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, Feeds.Timeout, "the city back");
    }

    private static City.ImportHistoricRecordsRequest Start(string importId) =>
        new() { Start = new City.StartHistoricImport { ImportId = importId, DistrictCode = "500103" } };

    private static City.ImportHistoricRecordsRequest Batch(IEnumerable<City.HistoricRecord> records)
    {
        var batch = new City.HistoricRecordBatch();
        batch.Records.AddRange(records);
        return new City.ImportHistoricRecordsRequest { Batch = batch };
    }

    private static City.HistoricRecord Record(long sequence, string citizenId, string name, string phone, string certificate = "",
        DateOnly? born = null, Grains.Identity.Sex sex = Grains.Identity.Sex.Unspecified)
    {
        var identity = new ResidentIdentity();
        if (citizenId.Length > 0)
            identity.CitizenIdNumber = citizenId;
        else if (certificate.Length > 0)
            identity.BirthMedicalCertificateNumber = certificate;
        return new City.HistoricRecord
        {
            Sequence = sequence,
            HistoricId = $"YZ-2011-{sequence:D4}",
            EnrollingInstitutionCode = Clinic,
            EnrolledBy = "档案室",
            ResidenceCommitteeCode = Committee,
            EnrolledOn = new CalendarDate { Year = 2011, Month = 5, Day = 3 },
            Identity = identity,
            Profile = new ResidentProfile
            {
                Name = name, Phone = phone, CurrentAddress = $"重庆市渝中区两路口{sequence}号",
                Sex = (Contracts.Types.V1.Sex)(int)sex,
                DateOfBirth = born is { } b ? new CalendarDate { Year = b.Year, Month = b.Month, Day = b.Day } : null,
            },
        };
    }
}
