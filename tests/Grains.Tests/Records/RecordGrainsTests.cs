using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Records;

public sealed class RecordGrainsTests
{
    private static readonly FixedClock Clock = new(TestData.Now);

    [Fact]
    public async Task ConcurrentEnrollmentsOfOneIdentity_MakeOneRecord()
    {
        // R-ID-1
        // Arrange
        var store = new InMemoryRecordStore();
        var grains = new RecordGrains(store, Clock);
        var commands = Enumerable.Range(0, 50)
            .Select(i => TestData.Input(requestId: $"r{i}").Validate(TestData.Topology, TestData.Today)).ToList();

        // Act
        var outcomes = await Task.WhenAll(commands.Select(c => Task.Run(() => grains.EnrollAsync(c, default))));

        // Assert
        var enrolled = Assert.Single(outcomes.OfType<EnrollmentOutcome.Enrolled>());
        Assert.Equal(49, outcomes.OfType<EnrollmentOutcome.AlreadyEnrolled>().Count());
        Assert.All(outcomes, o => Assert.Equal(enrolled.Record.Number, o.Record.Number));
    }

    [Fact]
    public async Task Command_WhenAnotherWriterWins_IsDecidedAgainOnTheNewState()
    {
        // Optimistic version check: the first save loses to a concurrent write, the retry sees it.
        // Arrange
        var store = new InMemoryRecordStore();
        var grains = new RecordGrains(store, Clock);
        var state = (await grains.EnrollAsync(TestData.Input().Validate(TestData.Topology, TestData.Today), default)).Record;
        var competitor = state with { Version = state.Version + 1, Profile = state.Profile with { CurrentAddress = "重庆市江北区" } };
        store.BeforeAppend = (s, _) => { s.BeforeAppend = null; s.Overwrite(competitor); };
        var command = new UpdateContactDetails("u1", state.Number, "500103C01", "李医生", "13900000000", null, null);

        // Act
        var result = await grains.ExecuteAsync(state.Number, (s, now) => RecordDecider.Decide(s, command, now), default);

        // Assert
        Assert.Equal(2, store.AppendAttempts);
        Assert.Equal(3, result.Version);
        Assert.Equal("13900000000", result.Profile.Phone);
        Assert.Equal("重庆市江北区", result.Profile.CurrentAddress); // the competitor's write is kept
    }

    [Fact]
    public async Task Command_OnUnknownRecord_IsNotFound()
    {
        var grains = new RecordGrains(new InMemoryRecordStore(), Clock);
        var number = HealthRecords.Grains.Identity.RecordNumber.Parse("50010300100199999");

        await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            grains.ExecuteAsync(number, (_, _) => [], default));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    [Fact]
    public async Task RepeatedRequest_AfterMoreChangesThanTheRecordRemembers_ChangesNothing()
    {
        // A late retry of a status change (R-ST-6) must not be decided again: the journal knows every request.
        // Arrange: lost (l-0), then 9 × (reactivated, lost again): 19 request ids after enrollment
        var store = new InMemoryRecordStore();
        var number = (await new RecordGrains(store, Clock).EnrollAsync(TestData.Input().Validate(TestData.Topology, TestData.Today), default)).Record.Number;
        var grains = new RecordGrains(store, new FixedClock(TestData.Now.AddDays(400))); // R-ST-2: a year without service
        var policy = HealthRecords.Grains.Policy.PolicyProfiles.Chongqing;
        Task<RecordState> Lost(string id) => grains.ExecuteOnceAsync(number, id,
            (s, now) => LifecycleDecider.Decide(s, new MarkLostToFollowUp(id, number, "500103C01", "王护士", "联系不上"), null, policy, now), default);
        Task<RecordState> Back(string id) => grains.ExecuteOnceAsync(number, id,
            (s, now) => LifecycleDecider.Decide(s, new Reactivate(id, number, "500103C01", "复诊"), now), default);
        await Lost("l-0");
        for (var i = 1; i < 10; i++)
        {
            await Back($"b-{i}");
            await Lost($"l-{i}");
        }
        var active = await Back("b-last");

        // Act
        var repeated = await Lost("l-0");

        // Assert
        Assert.False(active.HasApplied("l-0"));
        Assert.Equal((RecordStatus.Active, active.Version), (repeated.Status, repeated.Version));
    }
}
