using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Import;
using HealthRecords.Grains.Tests.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Import;

/// <summary>The decisions of a historic import (issue 8): who imports for which district, which records enter.</summary>
public sealed class HistoricImportDeciderTests
{
    private static readonly HistoricImport Import = HistoricImportDecider.Start(null, "im-1", "500103", "it-zhang", TestData.Now);

    [Fact]
    public void CheckDistrict_DistrictAdministrator_ImportsTheOwnDistrictOnly()
    {
        // R-AC-5: tiered users; a district's administration acts for its own district
        // Arrange
        var own = new Principal("it-zhang", "500103", Role.DistrictAdministrator);
        var city = new Principal("ca-sun", Principal.CityInstitution, Role.CityAdministrator);

        // Act
        var ownDistrict = HistoricImportDecider.CheckDistrict(own, "500103");
        var otherDistrict = HistoricImportDecider.CheckDistrict(own, "500105");
        var byCity = HistoricImportDecider.CheckDistrict(city, "500105");

        // Assert
        Assert.Null(ownDistrict);
        Assert.Equal("OTHER_DISTRICT", otherDistrict?.Reason);
        Assert.Null(byCity);
    }

    [Fact]
    public void Start_AgainWithTheSameId_ResumesTheStoredImport_ButNotForAnotherDistrict()
    {
        // Arrange
        var stored = Import with { LastSequence = 40 };

        // Act
        var resumed = HistoricImportDecider.Start(stored, "im-1", "500103", "it-zhang", TestData.Now.AddHours(1));
        var other = Assert.Throws<DomainValidationException>(() => HistoricImportDecider.Start(stored, "im-1", "500105", "it-li", TestData.Now));

        // Assert
        Assert.Same(stored, resumed);
        Assert.Equal("import_id", other.Violations[0].Field);
    }

    [Fact]
    public void Validate_RejectsEachInvalidRecordByField_AndKeepsTheValidOnesInSequenceOrder()
    {
        // R-ID-2: field-level errors per record; a repeated or non-positive sequence cannot be resumed by
        // Arrange
        var batch = new[]
        {
            Record(3, "440308199901101512"),
            Record(1, "440308199901101513"), // check digit wrong
            Record(2, "11010519491231002X") with { ResidenceCommitteeCode = "500105001001", InstitutionCode = "500105C01" }, // another district's
            Record(3, "11010519491231002X"),
            Record(0, "11010519491231002X"),
        };

        // Act
        var (valid, rejected) = HistoricImportDecider.Validate(Import, batch, TestData.Topology, TestData.Today);

        // Assert
        Assert.Equal([3L], valid.Select(v => v.Sequence));
        Assert.Equal("import:im-1:3", valid[0].Enrollment.RequestId);
        Assert.Equal([(1L, IdentityFieldPaths.CitizenIdNumber), (2L, "enrolling_institution_code"), (3L, "sequence"), (0L, "sequence")],
            rejected.Select(r => (r.Sequence, r.Field)));
        Assert.All(rejected, r => Assert.Equal(ImportItemOutcome.Rejected, r.Outcome));
    }

    [Fact]
    public void Enrolled_CarriesTheOriginalEnrollmentDate()
    {
        // R-MG-1 keeps the earliest enrollment date
        // Arrange
        var record = HistoricImportDecider.Validate(Import, [Record(1, "440308199901101512")], TestData.Topology, TestData.Today).Valid[0];

        // Act
        var e = HistoricImportDecider.Enrolled(record, RecordNumber.Parse("50010300100100009"));

        // Assert
        Assert.Equal(new DateTimeOffset(2010, 7, 1, 0, 0, 0, TimeSpan.FromHours(8)), e.OccurredAt);
    }

    private static HistoricRecordInput Record(long sequence, string citizenId) =>
        new(sequence, $"H-{sequence}", "500103C01", "王护士", "500103001001", new DateOnly(2010, 7, 1),
            new IdentityInput(citizenId, null, null, null), TestData.Profile());
}
