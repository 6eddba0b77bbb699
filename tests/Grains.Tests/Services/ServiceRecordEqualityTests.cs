using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class ServiceRecordEqualityTests
{
    [Fact]
    public void Service_SameUploadSentTwice_IsEqual()
    {
        // R-RC-3: a re-sent upload is recognised as the same content (separate list/dictionary instances)
        var first = ServiceRecordRules.Accept(Input(measurements: Measure(("height_cm", "170"), ("weight_kg", "60"))),
            ActiveAdult, PolicyProfiles.Chongqing, ReceivedAt);
        var second = ServiceRecordRules.Accept(Input(measurements: Measure(("weight_kg", "60"), ("height_cm", "170"))),
            ActiveAdult, PolicyProfiles.Chongqing, ReceivedAt);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Service_SameUploadIdWithOtherMeasurement_IsNotEqual()
    {
        // R-RC-3: a different content under the same upload id is not the same upload
        var first = Record(measurements: Measure(("weight_kg", "60")));
        var second = Record(measurements: Measure(("weight_kg", "61")));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Service_SameUploadIdWithOtherProblems_IsNotEqual()
    {
        // R-RC-3
        var first = Record();
        var second = first with { MainProblems = ["糖尿病"] };

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Service_AcceptedRecord_DoesNotShareTheInputCollections()
    {
        // R-RC-3: the saved record cannot be changed through the caller's collections
        var problems = new List<string> { "高血压" };
        var measurements = Measure(("weight_kg", "60"));

        var record = ServiceRecordRules.Accept(Input(problems: problems, measurements: measurements), ActiveAdult, PolicyProfiles.Chongqing, ReceivedAt);
        problems.Add("changed");
        measurements["weight_kg"] = "99";

        Assert.Equal(["高血压"], record.MainProblems);
        Assert.Equal("60", record.Measurements["weight_kg"]);
    }
}
