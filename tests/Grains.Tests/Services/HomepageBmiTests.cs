using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class HomepageBmiTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    // Height 100 cm makes the BMI equal to the weight, so the boundaries are exact.
    private static ServiceRecord Measured(string uploadId, DateOnly date, string weightKg, string heightCm = "100") =>
        Record(uploadId, date: date, measurements: Measure(("height_cm", heightCm), ("weight_kg", weightKg)));

    private static IReadOnlyList<HealthTag> Tags(ResidentFacts resident, params ServiceRecord[] services) =>
        HomepageDerivation.Derive(resident, Sex.Female, services, Today).Tags;

    [Theory]
    [InlineData("18.4", HealthTag.Underweight)]
    [InlineData("18.5", HealthTag.NormalWeight)]
    [InlineData("23.9", HealthTag.NormalWeight)]
    [InlineData("24.0", HealthTag.Overweight)]
    [InlineData("27.9", HealthTag.Overweight)]
    [InlineData("28.0", HealthTag.Obese)]
    public void Homepage_AdultBmiBoundary_IsClassifiedByWsT428(string bmi, HealthTag expected)
    {
        // R-RC-2: WS/T 428-2013 Chinese adult cut-offs
        var tags = Tags(ActiveAdult, Measured("up-1", Today, bmi));

        Assert.Equal([expected], tags);
    }

    [Fact]
    public void Homepage_RealisticHeightAndWeight_ComputesBmi()
    {
        // R-RC-2: 70 kg / 1.70 m² = 24.2 → overweight
        var tags = Tags(ActiveAdult, Measured("up-1", Today, "70", "170"));

        Assert.Equal([HealthTag.Overweight], tags);
    }

    [Fact]
    public void Homepage_MostRecentMeasurement_Decides()
    {
        // R-RC-2: the most recent service carrying both height and weight
        var older = Measured("up-1", Today.AddYears(-1), "30");
        var newer = Measured("up-2", Today, "20");
        var newestWithoutHeight = Record("up-3", date: Today, measurements: Measure(("weight_kg", "90")));

        var tags = Tags(ActiveAdult, older, newer, newestWithoutHeight);

        Assert.Equal([HealthTag.NormalWeight], tags);
    }

    [Fact]
    public void Homepage_MeasuredBefore18_HasNoWeightTag()
    {
        // R-RC-2: WS/T 428-2013 is for adults; the service date decides the age
        var resident = new ResidentFacts(RecordStatus.Active, new DateOnly(2008, 3, 21), null);

        var tags = Tags(resident, Measured("up-1", Today, "30"));

        Assert.Empty(tags);
    }

    [Fact]
    public void Homepage_MeasuredOn18thBirthday_HasWeightTag()
    {
        // R-RC-2
        var resident = new ResidentFacts(RecordStatus.Active, new DateOnly(2008, 3, 20), null);

        var tags = Tags(resident, Measured("up-1", Today, "30"));

        Assert.Equal([HealthTag.Obese], tags);
    }

    [Fact]
    public void Homepage_UnknownBirthDate_HasNoWeightTag()
    {
        // R-RC-2: adulthood cannot be shown
        var resident = new ResidentFacts(RecordStatus.Active, null, null);

        var tags = Tags(resident, Measured("up-1", Today, "30"));

        Assert.Empty(tags);
    }
}
