using HealthRecords.Grains.Topology;

namespace HealthRecords.Grains.Tests.Topology;

public sealed class CityTopologyTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hr-topology-{Guid.NewGuid():N}.json");

    [Fact]
    public void Load_ReadsEachInstitutionsDesignatedCorrectionAdministrators()
    {
        // R-RC-3: who approves corrections is designated per institution
        File.WriteAllText(_path, """
            { "city": "重庆市", "districts": [ { "code": "500103", "name": "渝中区", "institutions": [
              { "code": "500103C01", "committees": ["500103001001"], "correctionAdministrators": ["500103C01-admin"] },
              { "code": "500103C02", "committees": ["500103002001"] } ] } ] }
            """);

        var topology = CityTopology.Load(_path);

        var designating = topology.FindInstitution("500103C01")!;
        Assert.Equal(["500103C01-admin"], designating.CorrectionAdministrators);
        Assert.True(designating.IsCorrectionAdministrator(" 500103C01-admin "));
        Assert.False(designating.IsCorrectionAdministrator("500103C02-admin"));
        Assert.Empty(topology.FindInstitution("500103C02")!.CorrectionAdministrators);
    }

    public void Dispose() => File.Delete(_path);
}
