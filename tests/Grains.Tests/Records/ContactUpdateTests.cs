using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Records;

public sealed class ContactUpdateTests
{
    private static UpdateContactDetails Update(RecordState s, string institution = "500103C01", string requestId = "u1") =>
        new(requestId, s.Number, institution, "李医生", "13900000000", null, "重庆大学");

    [Fact]
    public void ContactUpdate_ByOwningClinic_ChangesOnlyContactFields()
    {
        // R-ID-6: contact fields are updated by the clinic at each visit; identity fields are not touched.
        // Arrange
        var state = TestData.Enrolled();

        // Act
        var events = RecordDecider.Decide(state, Update(state), TestData.Now.AddDays(3));
        var next = state.ApplyAll(events);

        // Assert
        Assert.Equal("13900000000", next.Profile.Phone);
        Assert.Equal("重庆大学", next.Profile.Employer);
        Assert.Equal(state.Profile.CurrentAddress, next.Profile.CurrentAddress);
        Assert.Equal(state.Profile.Name, next.Profile.Name);
        Assert.Equal(state.Version + 1, next.Version);
        Assert.Equal(TestData.Now.AddDays(3), next.UpdatedAt);
    }

    [Fact]
    public void ContactUpdate_ByAnotherClinic_IsRefused()
    {
        // R-ID-6: only the owning clinic keeps the contact details.
        var state = TestData.Enrolled();

        var error = Assert.Throws<DomainRuleViolation>(() => RecordDecider.Decide(state, Update(state, "500103C02"), TestData.Now));

        Assert.Equal("R-ID-6", error.RuleId);
    }

    [Fact]
    public void ContactUpdate_OfArchivedRecord_IsRefused()
    {
        // R-ST-1: archived records take no updates.
        var state = TestData.Enrolled() with { Status = RecordStatus.Deceased };

        var error = Assert.Throws<DomainRuleViolation>(() => RecordDecider.Decide(state, Update(state), TestData.Now));

        Assert.Equal("R-ST-1", error.RuleId);
        Assert.Equal(state.Number.Value, error.Subject);
    }

    [Fact]
    public void ContactUpdate_Repeated_IsAppliedOnce()
    {
        // Idempotency: a retried request id decides nothing new.
        var state = TestData.Enrolled();
        var once = state.ApplyAll(RecordDecider.Decide(state, Update(state), TestData.Now));

        var again = RecordDecider.Decide(once, Update(once), TestData.Now);

        Assert.Empty(again);
    }
}
