using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// A status change repeated with its request id decides nothing new (LifecycleDecider; R-ST-6 filings
/// are retried after a lost answer), however many changes the record went through meanwhile.
/// Found by the history test's late repeats: the record remembers its last 16 request ids only
/// (RecordState.RememberedRequestIds), so after 17 newer ones the repeat is decided again.
/// </summary>
public sealed class LateRepeatTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public async Task MarkLostRepeatedWithItsRequestId_AfterTheRecordWasReactivatedAndArchivedAgain_ChangesNothing(int cycles)
    {
        // Arrange: lost (request "lost-0"), then `cycles` × (reactivated, lost again), then reactivated: active.
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var node = await federation.StartDistrictAsync("500103");
        using var channel = TestChannel.For(node.Address);
        var district = new DistrictClients(channel);
        var options = HistoryClients.AsClinic(new CallOptions(Deadline: DateTime.UtcNow.AddMinutes(2)), "500103C01");
        var enrolled = await district.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_900_000), "500103C01", "500103001001"), options);
        var number = enrolled.Entry.RecordNumber;
        federation.AdvanceClock(TimeSpan.FromDays(400)); // R-ST-2: a year without service
        var lost = Lost(number, "lost-0");
        await district.LifecycleAsync("MarkLostToFollowUp", lost, options);
        for (var i = 0; i < cycles; i++)
        {
            await district.LifecycleAsync("ReactivateRecord", Back(number, $"back-{i}"), options);
            await district.LifecycleAsync("MarkLostToFollowUp", Lost(number, $"lost-{i + 1}"), options);
        }
        var active = await district.LifecycleAsync("ReactivateRecord", Back(number, "back-last"), options);

        // Act: the first filing arrives again, unchanged (a clinic's late retry).
        var repeated = await district.LifecycleAsync("MarkLostToFollowUp", lost, options);

        // Assert
        Assert.Equal(RecordStatus.Active, active.Status);
        Assert.Equal((RecordStatus.Active, active.Version), (repeated.Status, repeated.Version));
    }

    private static City.MarkLostToFollowUpRequest Lost(string number, string requestId) => new()
    {
        RequestId = requestId, RecordNumber = number, InstitutionCode = "500103C01", ConfirmedBy = "王护士", Reason = "电话、住址均无法联系",
    };

    private static City.ReactivateRecordRequest Back(string number, string requestId) => new()
    {
        RequestId = requestId, RecordNumber = number, InstitutionCode = "500103C01", Cause = "居民回到辖区复诊",
    };
}
