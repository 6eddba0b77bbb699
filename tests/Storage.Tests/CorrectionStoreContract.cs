using HealthRecords.TestSupport;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Tests;

/// <summary>Corrections of service records and their versions (R-RC-3), on SQLite and PostgreSQL alike.</summary>
public abstract class CorrectionStoreContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RequestedAt = ReceivedAt.AddDays(1);
    private static readonly DateTimeOffset ApprovedAt = ReceivedAt.AddDays(2);
    private const string Clinic = "500103C01";

    [Fact]
    public async Task Approve_KeepsTheUploadAsVersion1_AndMakesVersion2Current()
    {
        // R-RC-3: the old version stays readable with its time; the timeline shows the corrected one
        // Arrange
        var (services, corrections, uploaded) = await NewCityWithServiceAsync();
        var request = await RequestAsync(corrections, uploaded, "corr-1", ("systolic_mmhg", "140"));
        var current = (await corrections.GetCurrentAsync(uploaded.UploadId, default))!;
        var next = CorrectionRules.Approve(current.Record, current.Version, request, "主任", approverIsDesignatedAdministrator: true, ApprovedAt);

        // Act
        var approved = await corrections.TryApproveAsync(next, default);

        // Assert
        Assert.True(approved);
        var versions = await corrections.ListVersionsAsync(uploaded.UploadId, 0, 10, default);
        Assert.Equal([new ServiceRecordVersion(1, uploaded, ReceivedAt, null, null), next], versions);
        Assert.Equal("150", versions[0].Record.Measurements["systolic_mmhg"]);
        Assert.Equal("140", versions[1].Record.Measurements["systolic_mmhg"]);
        Assert.Equal([next], await corrections.ListVersionsAsync(uploaded.UploadId, 1, 10, default));
        Assert.Equal(new CurrentServiceRecord(next.Record, 2), await corrections.GetCurrentAsync(uploaded.UploadId, default));
        Assert.Equal([next.Record], await services.ListForRecordAsync(uploaded.RecordNumber, null, 10, default));
        var stored = (await corrections.GetAsync("corr-1", default))!;
        Assert.Equal((CorrectionState.Approved, "主任", ApprovedAt), (stored.State, stored.DecidedBy, stored.DecidedAt));
        // The fingerprint is the upload's: a re-sent original still gets its original answer.
        Assert.Equal(new PriorOutcome.Accepted("fp-1", false), (await services.FindPriorOutcomesAsync([uploaded.UploadId], default))[uploaded.UploadId]);
    }

    [Fact]
    public async Task Approve_OfTheSameCorrectionTwice_AppliesOnce()
    {
        // R-RC-3: a correction is decided once, also when two administrators approve at the same time
        // Arrange
        var (_, corrections, uploaded) = await NewCityWithServiceAsync();
        var request = await RequestAsync(corrections, uploaded, "corr-1", ("systolic_mmhg", "140"));
        var current = (await corrections.GetCurrentAsync(uploaded.UploadId, default))!;
        var byOne = CorrectionRules.Approve(current.Record, current.Version, request, "主任", true, ApprovedAt);
        var byOther = CorrectionRules.Approve(current.Record, current.Version, request, "副主任", true, ApprovedAt);

        // Act
        var results = await Task.WhenAll(corrections.TryApproveAsync(byOne, default), corrections.TryApproveAsync(byOther, default));
        var current2 = (await corrections.GetCurrentAsync(uploaded.UploadId, default))!;
        var again = await corrections.TryApproveAsync(CorrectionRules.Approve(current2.Record, current2.Version, request, "主任", true, ApprovedAt), default);

        // Assert
        Assert.Single(results, r => r);
        Assert.False(again);
        Assert.Equal([1, 2], (await corrections.ListVersionsAsync(uploaded.UploadId, 0, 10, default)).Select(v => v.Version));
        Assert.False(await corrections.TryRejectAsync(new CorrectionRejection("corr-1", "主任", "改主意", ApprovedAt), default));
    }

    [Fact]
    public async Task Approve_OfTwoCorrectionsFromTheSameVersion_LetsOnlyOneApply()
    {
        // R-RC-3: no correction is lost by overwriting another; the loser reads again and makes the next version
        // Arrange
        var (_, corrections, uploaded) = await NewCityWithServiceAsync();
        var weight = await RequestAsync(corrections, uploaded, "corr-w", ("weight_kg", "56"));
        var pressure = await RequestAsync(corrections, uploaded, "corr-p", ("systolic_mmhg", "140"));
        var v1 = (await corrections.GetCurrentAsync(uploaded.UploadId, default))!;

        // Act
        var first = await corrections.TryApproveAsync(CorrectionRules.Approve(v1.Record, v1.Version, weight, "主任", true, ApprovedAt), default);
        var stale = await corrections.TryApproveAsync(CorrectionRules.Approve(v1.Record, v1.Version, pressure, "主任", true, ApprovedAt), default);
        var v2 = (await corrections.GetCurrentAsync(uploaded.UploadId, default))!;
        var retried = await corrections.TryApproveAsync(CorrectionRules.Approve(v2.Record, v2.Version, pressure, "主任", true, ApprovedAt.AddMinutes(1)), default);

        // Assert
        Assert.Equal((true, false, true), (first, stale, retried));
        var v3 = (await corrections.GetCurrentAsync(uploaded.UploadId, default))!;
        Assert.Equal(3, v3.Version);
        Assert.Equal(("56", "140"), (v3.Record.Measurements["weight_kg"], v3.Record.Measurements["systolic_mmhg"]));
        Assert.Equal(["corr-w", "corr-p"], (await corrections.ListVersionsAsync(uploaded.UploadId, 1, 10, default)).Select(v => v.CorrectionId));
    }

    [Fact]
    public async Task Request_RepeatedUnderTheSameId_KeepsTheFirst()
    {
        // R-RC-3: a re-sent request is stored once; what is stored tells a repeat from a reused id
        // Arrange
        var (_, corrections, uploaded) = await NewCityWithServiceAsync();
        var request = await RequestAsync(corrections, uploaded, "corr-1", ("systolic_mmhg", "140"));

        // Act
        var repeat = await corrections.AddAsync(request with { RequestedAt = RequestedAt.AddHours(1) }, uploaded.RecordNumber, default);
        var reuse = await corrections.AddAsync(request with { Reason = "另一个原因" }, uploaded.RecordNumber, default);

        // Assert
        Assert.Equal(new StoredCorrection(request, uploaded.RecordNumber, CorrectionState.Pending, null, null, null), repeat);
        Assert.Equal(repeat, reuse);
        Assert.Single(await corrections.ListAsync([Clinic], null, null, 10, default));
    }

    [Fact]
    public async Task Reject_KeepsTheReason_AndLeavesTheRecordAsUploaded()
    {
        // R-RC-3
        var (_, corrections, uploaded) = await NewCityWithServiceAsync();
        await RequestAsync(corrections, uploaded, "corr-1", ("systolic_mmhg", "140"));

        var rejected = await corrections.TryRejectAsync(new CorrectionRejection("corr-1", "主任", "证据不足", ApprovedAt), default);

        Assert.True(rejected);
        var stored = (await corrections.GetAsync("corr-1", default))!;
        Assert.Equal((CorrectionState.Rejected, "主任", ApprovedAt, "证据不足"), (stored.State, stored.DecidedBy, stored.DecidedAt, stored.DecisionReason));
        Assert.Equal(new CurrentServiceRecord(uploaded, 1), await corrections.GetCurrentAsync(uploaded.UploadId, default));
        Assert.Equal([ServiceRecordVersion.First(uploaded)], await corrections.ListVersionsAsync(uploaded.UploadId, 0, 10, default));
    }

    [Fact]
    public async Task List_FiltersByInstitutionAndState_InCorrectionIdOrder()
    {
        var (_, corrections, uploaded) = await NewCityWithServiceAsync();
        foreach (var id in new[] { "c-3", "c-1", "c-2" })
            await RequestAsync(corrections, uploaded, id, ("systolic_mmhg", "140"));
        await corrections.TryRejectAsync(new CorrectionRejection("c-2", "主任", "重复", ApprovedAt), default);

        var pending = await corrections.ListAsync([Clinic], CorrectionState.Pending, null, 10, default);
        var afterFirst = await corrections.ListAsync([Clinic, "500103C02"], null, "c-1", 10, default);
        var otherClinic = await corrections.ListAsync(["500103C02"], null, null, 10, default);

        Assert.Equal(["c-1", "c-3"], pending.Select(c => c.Request.CorrectionId));
        Assert.Equal(["c-2", "c-3"], afterFirst.Select(c => c.Request.CorrectionId));
        Assert.Empty(otherClinic);
    }

    [Fact]
    public async Task UnknownUpload_HasNoCurrentVersionAndNoVersions()
    {
        var (_, corrections, _) = await NewCityWithServiceAsync();

        Assert.Null(await corrections.GetCurrentAsync("nope", default));
        Assert.Empty(await corrections.ListVersionsAsync("nope", 0, 10, default));
        Assert.Null(await corrections.GetAsync("nope", default));
    }

    private static async Task<CorrectionRequest> RequestAsync(CorrectionStore corrections, ServiceRecord uploaded, string id, params (string Key, string Value)[] changes)
    {
        var request = CorrectionRules.Request(uploaded, id, "王医生", Clinic, "录入错误", "纸质随访表",
            changes.ToDictionary(c => c.Key, c => c.Value), null, RequestedAt);
        var stored = await corrections.AddAsync(request, uploaded.RecordNumber, default);
        Assert.Equal(request, stored.Request);
        return request;
    }

    private async Task<(ServiceRecordStore, CorrectionStore, ServiceRecord)> NewCityWithServiceAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var identity = IdentityKey.FromInput(new IdentityInput("440308199901101512", null, null, null));
        var record = await new SqlRecordStore(database, new DistrictEventLog(database), TestIdentityKeys.Protector).TryInsertAsync(CommitteeCode.Parse("500103001001"), n => new ResidentEnrolled(
            ReceivedAt, n.Value, identity.Value, Clinic, "500103", "王护士", "r",
            new ResidentProfile("张伟", Sex.Male, new DateOnly(1999, 1, 10), null, null, null, null, null)), default);
        var uploaded = new ServiceRecord("up-1", record!.Number.Value, ServiceKind.HypertensionFollowUp, new DateOnly(2026, 11, 20), Clinic,
            "李医生", ["高血压"], 1500, new Dictionary<string, string> { ["systolic_mmhg"] = "150", ["weight_kg"] = "65" }, "稳定",
            Late: false, DaysAfterService: 1, ReceivedAt);
        var services = new ServiceRecordStore(database, new DistrictEventLog(database));
        await services.SaveAsync([new(uploaded, "500103", "fp-1")], [], ReceivedAt, default);
        return (services, new CorrectionStore(database), uploaded);
    }
}

public sealed class SqliteCorrectionStoreTests(SqliteProvider provider) : CorrectionStoreContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresCorrectionStoreTests(PostgresProvider provider) : CorrectionStoreContract(provider);
