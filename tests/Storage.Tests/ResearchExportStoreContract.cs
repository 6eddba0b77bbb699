using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Research;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Storage.Tests;

/// <summary>Research exports and their de-identified rows (R-AC-4), on SQLite and PostgreSQL alike.</summary>
public abstract class ResearchExportStoreContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly Principal Researcher = new("re-zhou", Principal.CityInstitution, Role.Researcher);
    private static readonly Principal Administrator = new("ca-sun", Principal.CityInstitution, Role.CityAdministrator);
    private static readonly ResearchExportScope Everything = new([], null, null);
    private long _next;

    [Fact]
    public async Task Add_RepeatedRequestId_ReturnsTheFirstExport_AndListsNewestFirstByRequester()
    {
        // R-AC-4: a request is idempotent per researcher; researchers list their own exports
        // Arrange
        var (_, exports) = await NewCityAsync();
        var first = await exports.AddAsync(Request("rx-1", "req-1", Researcher, Now), default);
        var other = await exports.AddAsync(Request("rx-2", "req-1", new Principal("re-wu", Principal.CityInstitution, Role.Researcher), Now.AddMinutes(1)), default);
        var second = await exports.AddAsync(Request("rx-3", "req-2", Researcher, Now.AddMinutes(2)), default);

        // Act
        var repeated = await exports.AddAsync(Request("rx-4", "req-1", Researcher, Now.AddMinutes(3)), default);
        var mine = await exports.ListAsync("re-zhou", null, 10, default);
        var all = await exports.ListAsync(null, null, 10, default);
        var afterNewest = await exports.ListAsync(null, new TimedPageKey(second.RequestedAt.ToUnixTimeMilliseconds(), second.ExportId), 10, default);

        // Assert
        Assert.Equal(first, repeated);
        Assert.Equal(first, await exports.GetAsync("rx-1", default));
        Assert.Null(await exports.GetAsync("rx-4", default));
        Assert.Equal(["rx-3", "rx-1"], mine.Select(e => e.ExportId));
        Assert.Equal(["rx-3", "rx-2", "rx-1"], all.Select(e => e.ExportId));
        Assert.Equal(["rx-2", "rx-1"], afterNewest.Select(e => e.ExportId));
        Assert.Equal(other, all[1]);
    }

    [Fact]
    public async Task Approve_SnapshotsTheRecordsInScope_WithServiceCountsByKind_AndPagesRowsByPseudonym()
    {
        // R-AC-4: what was approved is what is downloaded; districts and the enrollment period choose the records
        // Arrange
        var (records, exports) = await NewCityAsync();
        var inScope = new List<string>();
        for (var i = 0; i < 3; i++)
            inScope.Add(await EnrollAsync(records, "500103", Now.AddDays(-10)));
        await EnrollAsync(records, "500105", Now.AddDays(-10));
        await EnrollAsync(records, "500103", Now.AddDays(-400));
        var services = new ServiceRecordStore(records.Database, new DistrictEventLog(records.Database));
        await services.SaveAsync([Service("up-1", inScope[0], ServiceKind.HypertensionFollowUp), Service("up-2", inScope[0], ServiceKind.HypertensionFollowUp),
            Service("up-3", inScope[0], ServiceKind.Visit)], [], Now, default);
        var period = new ResearchExportScope(["500103"], DateOnly.FromDateTime(Now.AddDays(-30).UtcDateTime), DateOnly.FromDateTime(Now.UtcDateTime));
        await exports.AddAsync(Request("rx-1", "req-1", Researcher, Now, period), default);
        IReadOnlyList<ResearchSubject>? seen = null;

        // Act
        var approved = await exports.DecideAsync("rx-1", e => ResearchExportDecider.Decide(e, Administrator, true, "伦理审查已通过", Now),
            subjects => Deidentification.TakeSnapshot(seen = subjects, 1, Now), default);
        var page1 = await exports.RowsAsync("rx-1", null, 2, default);
        var page2 = await exports.RowsAsync("rx-1", page1[^1].Pseudonym, 2, default);

        // Assert
        Assert.Equal(inScope, seen!.Select(s => s.RecordNumber).Order(StringComparer.Ordinal));
        Assert.Equal((ResearchExportState.Approved, "ca-sun", 3L, 0L, 1), (approved!.State, approved.DecidedBy, approved.RowCount, approved.SuppressedCount, approved.MinimumGroupSize));
        Assert.Equal(approved, await exports.GetAsync("rx-1", default));
        var rows = page1.Concat(page2).ToList();
        Assert.Equal((2, 1), (page1.Count, page2.Count));
        Assert.Equal(rows.OrderBy(r => r.Pseudonym, StringComparer.Ordinal), rows);
        Assert.All(rows, r => Assert.Equal((1980, Sex.Female, "500103", RecordStatus.Active), (r.BirthYear, r.Sex, r.DistrictCode, r.Status)));
        var served = Assert.Single(rows, r => r.ServiceCount > 0);
        Assert.Equal(new Dictionary<ServiceKind, long> { [ServiceKind.HypertensionFollowUp] = 2, [ServiceKind.Visit] = 1 }, served.ServiceCounts);
    }

    [Fact]
    public async Task Approve_LeavesOutSmallGroups_AndCountsThem()
    {
        // R-AC-4: k-suppression, rows + suppressed = records in scope
        // Arrange
        var (records, exports) = await NewCityAsync();
        for (var i = 0; i < 3; i++)
            await EnrollAsync(records, "500103", Now);
        await EnrollAsync(records, "500105", Now);
        await exports.AddAsync(Request("rx-1", "req-1", Researcher, Now), default);

        // Act
        var approved = await exports.DecideAsync("rx-1", e => ResearchExportDecider.Decide(e, Administrator, true, "ok", Now),
            subjects => Deidentification.TakeSnapshot(subjects, 3, Now), default);

        // Assert
        Assert.Equal((3L, 1L, 3), (approved!.RowCount, approved.SuppressedCount, approved.MinimumGroupSize));
        Assert.All(await exports.RowsAsync("rx-1", null, 10, default), r => Assert.Equal("500103", r.DistrictCode));
    }

    [Fact]
    public async Task Refuse_StoresTheDecisionWithoutRows_AndARefusedDecisionChangesNothing()
    {
        // R-AC-4
        // Arrange
        var (records, exports) = await NewCityAsync();
        await EnrollAsync(records, "500103", Now);
        await exports.AddAsync(Request("rx-1", "req-1", Researcher, Now), default);
        await exports.AddAsync(Request("rx-2", "req-2", new Principal("ca-sun", Principal.CityInstitution, Role.Researcher), Now), default);

        // Act
        var refused = await exports.DecideAsync("rx-1", e => ResearchExportDecider.Decide(e, Administrator, false, "目的不明", Now),
            subjects => Deidentification.TakeSnapshot(subjects, 1, Now), default);
        var own = await Assert.ThrowsAsync<DomainRuleViolation>(() => exports.DecideAsync("rx-2",
            e => ResearchExportDecider.Decide(e, Administrator, true, "ok", Now), subjects => Deidentification.TakeSnapshot(subjects, 1, Now), default));
        var missing = await exports.DecideAsync("rx-9", e => ResearchExportDecider.Decide(e, Administrator, true, "ok", Now),
            subjects => Deidentification.TakeSnapshot(subjects, 1, Now), default);

        // Assert
        Assert.Equal((ResearchExportState.Refused, "目的不明", 0L), (refused!.State, refused.DecisionReason, refused.RowCount));
        Assert.Empty(await exports.RowsAsync("rx-1", null, 10, default));
        Assert.Equal("R-AC-4", own.RuleId);
        Assert.Equal(ResearchExportState.Requested, (await exports.GetAsync("rx-2", default))!.State);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Approve_ByTwoAdministratorsAtOnce_IsDecidedOnce()
    {
        // R-AC-4: the export is re-read and locked in the decision's transaction; the rows are written once
        // Arrange
        var (records, exports) = await NewCityAsync();
        await EnrollAsync(records, "500103", Now);
        await exports.AddAsync(Request("rx-1", "req-1", Researcher, Now), default);
        var other = new Principal("ca-li", Principal.CityInstitution, Role.CityAdministrator);
        Task<ResearchExport?> Approve(Principal by) => Task.Run(() => exports.DecideAsync("rx-1", e => ResearchExportDecider.Decide(e, by, true, "ok", Now),
            subjects => Deidentification.TakeSnapshot(subjects, 1, Now), default));

        // Act
        var attempts = new[] { Approve(Administrator), Approve(other) };
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                return (await a)?.DecidedBy;
            }
            catch (DomainRuleViolation violation)
            {
                return violation.RuleId;
            }
        }));

        // Assert
        Assert.Single(outcomes, o => o == "R-AC-4");
        var winner = Assert.Single(outcomes, o => o != "R-AC-4");
        Assert.Equal(winner, (await exports.GetAsync("rx-1", default))!.DecidedBy);
        Assert.Single(await exports.RowsAsync("rx-1", null, 10, default));
    }

    private static ResearchExportRequested Request(string exportId, string requestId, Principal by, DateTimeOffset at, ResearchExportScope? scope = null) =>
        ResearchExportDecider.Request(by, exportId, requestId, "高血压管理效果研究", ResearchUse.AcademicResearch, scope ?? Everything,
            d => d is "500103" or "500105", at);

    private static AcceptedService Service(string uploadId, string recordNumber, ServiceKind kind) => new(
        new ServiceRecord(uploadId, recordNumber, kind, new DateOnly(2026, 11, 20), "500103C01", "李医生", [], 0, new Dictionary<string, string>(), null,
            Late: false, DaysAfterService: 1, Now), "500103", $"fp-{uploadId}");

    private async Task<string> EnrollAsync(Records records, string district, DateTimeOffset at)
    {
        var identity = IdentityKey.FromInput(new IdentityInput(TestIdentities.CitizenId(Interlocked.Increment(ref _next), district), null, null, null));
        var record = await records.Store.TryInsertAsync(CommitteeCode.Parse($"{district}001001"), n => new ResidentEnrolled(
            at, n.Value, identity.Value, $"{district}C01", district, "王护士", $"r-{_next}",
            new ResidentProfile("张伟", Sex.Female, new DateOnly(1980, 5, 17), "13800000000", "重庆市某路1号", null, null, null)), default);
        return record!.Number.Value;
    }

    private async Task<(Records, ResearchExportStore)> NewCityAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        return (new Records(database, new SqlRecordStore(database, new DistrictEventLog(database))), new ResearchExportStore(database));
    }

    private sealed record Records(Database Database, SqlRecordStore Store);
}

public sealed class SqliteResearchExportStoreTests(SqliteProvider provider) : ResearchExportStoreContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresResearchExportStoreTests(PostgresProvider provider) : ResearchExportStoreContract(provider);
