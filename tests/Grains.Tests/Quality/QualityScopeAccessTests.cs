using HealthRecords.Grains.Access;
using HealthRecords.Grains.Quality;

namespace HealthRecords.Grains.Tests.Quality;

public sealed class QualityScopeAccessTests
{
    [Fact]
    public void DistrictAdministrator_ReadsOwnDistrictAndItsClinics_NotAnotherDistrictOrTheCity()
    {
        // R-CN-4 (R-AC-5 tiered users)
        var admin = new Principal("da-wang", "500103", Role.DistrictAdministrator);

        Assert.Null(QualityScopeAccess.Check(admin, QualityScope.District("500103")));
        Assert.Null(QualityScopeAccess.Check(admin, QualityScope.Clinic("500103", "500103C01")));
        Assert.Equal("R-CN-4", QualityScopeAccess.Check(admin, QualityScope.District("500104"))!.Rule);
        Assert.NotNull(QualityScopeAccess.Check(admin, QualityScope.City));
    }

    [Fact]
    public void InstitutionAdministrator_ReadsOwnClinicOnly_CityAdministratorEverything()
    {
        // R-CN-4
        var clinicAdmin = new Principal("ia-li", "500103C01", Role.InstitutionAdministrator);
        var cityAdmin = new Principal("ca-zhao", Principal.CityInstitution, Role.CityAdministrator);

        Assert.Null(QualityScopeAccess.Check(clinicAdmin, QualityScope.Clinic("500103", "500103C01")));
        Assert.NotNull(QualityScopeAccess.Check(clinicAdmin, QualityScope.Clinic("500103", "500103C02")));
        Assert.NotNull(QualityScopeAccess.Check(clinicAdmin, QualityScope.District("500103")));
        Assert.Null(QualityScopeAccess.Check(cityAdmin, QualityScope.City));
        Assert.Null(QualityScopeAccess.Check(cityAdmin, QualityScope.District("500104")));
    }
}
