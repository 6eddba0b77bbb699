using HealthRecords.Grains.Access;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Research;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Tests.Research;

/// <summary>R-AC-4: generalisation, pseudonyms and small-group suppression, the pure steps of a research export.</summary>
public sealed class DeidentificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly IReadOnlyDictionary<ServiceKind, long> NoServices = new Dictionary<ServiceKind, long>();

    private static ResearchSubject Subject(int n, int bornYear = 1960, Sex sex = Sex.Female, string district = "500103") =>
        new($"500103001001{n:D5}", new DateOnly(bornYear, 3 + n % 9, 1 + n % 27), sex, district, RecordStatus.Active, NoServices);

    [Fact]
    public void Generalise_KeepsBirthYearSexDistrictStatusAndCounts_AndDropsTheRecordNumber()
    {
        // R-AC-4
        // Arrange
        var counts = new Dictionary<ServiceKind, long> { [ServiceKind.HypertensionFollowUp] = 3, [ServiceKind.Visit] = 1 };
        var subject = new ResearchSubject("50010300100100042", new DateOnly(1958, 11, 30), Sex.Male, "500105", RecordStatus.Deceased, counts);

        // Act
        var row = Deidentification.Generalise(subject, Deidentification.NewSecret());

        // Assert
        Assert.Equal((1958, Sex.Male, "500105", RecordStatus.Deceased, 4L), (row.BirthYear, row.Sex, row.DistrictCode, row.Status, row.ServiceCount));
        Assert.Equal(counts, row.ServiceCounts);
        Assert.DoesNotContain("50010300100100042", row.Pseudonym, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", row.Pseudonym);
    }

    [Fact]
    public void BirthYear_OfAnUnknownBirthDate_IsUnknown()
    {
        // R-AC-4
        Assert.Equal((int?)null, Deidentification.BirthYear(null));
        Assert.Equal(2001, Deidentification.BirthYear(new DateOnly(2001, 12, 31)));
    }

    [Fact]
    public void Pseudonym_IsStableWithinAnExport_AndDiffersAcrossExports()
    {
        // R-AC-4: the secret of one export is not kept, so another export's pseudonyms cannot be linked to it.
        // Arrange
        var first = Deidentification.NewSecret();
        var second = Deidentification.NewSecret();

        // Act
        var a1 = Deidentification.Pseudonym(first, "50010300100100001");
        var a2 = Deidentification.Pseudonym(first, "50010300100100001");
        var other = Deidentification.Pseudonym(first, "50010300100100002");
        var b = Deidentification.Pseudonym(second, "50010300100100001");

        // Assert
        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, other);
        Assert.NotEqual(a1, b);
    }

    [Fact]
    public void Suppress_AGroupOfKMinusOne_IsLeftOut_AndAGroupOfK_IsKept()
    {
        // R-AC-4: k = the profile's research minimum group size.
        // Arrange
        var k = AccessTerms.PlatformDefaults.ResearchMinimumGroupSize;
        var kept = Enumerable.Range(0, k).Select(n => Subject(n, 1960, Sex.Female));
        var small = Enumerable.Range(100, k - 1).Select(n => Subject(n, 1960, Sex.Male));
        var subjects = kept.Concat(small).ToList();

        // Act
        var (rows, suppressed) = Deidentification.Snapshot(subjects, k, Deidentification.NewSecret());

        // Assert
        Assert.Equal(k, rows.Count);
        Assert.All(rows, r => Assert.Equal((1960, Sex.Female), (r.BirthYear, r.Sex)));
        Assert.Equal(k - 1, suppressed);
    }

    [Fact]
    public void Suppress_GroupsByBirthYearSexAndDistrictTogether()
    {
        // R-AC-4: two rows that share year and sex but not district are two groups of one.
        // Arrange
        var rows = new[] { Subject(1, 1970, Sex.Male, "500103"), Subject(2, 1970, Sex.Male, "500105"), Subject(3, 1971, Sex.Male, "500103") }
            .Select(s => Deidentification.Generalise(s, Deidentification.NewSecret())).ToList();

        // Act
        var (one, suppressedAtOne) = Deidentification.Suppress(rows, 1);
        var (two, suppressedAtTwo) = Deidentification.Suppress(rows, 2);

        // Assert
        Assert.Equal((3, 0L), (one.Count, suppressedAtOne));
        Assert.Equal((0, 3L), (two.Count, suppressedAtTwo));
    }

    [Fact]
    public void TakeSnapshot_CountsRowsAndSuppressed_ThatAddUpToTheSubjects()
    {
        // R-AC-4
        // Arrange
        var subjects = Enumerable.Range(0, 6).Select(n => Subject(n)).Append(Subject(50, 1990)).ToList();

        // Act
        var (taken, rows) = Deidentification.TakeSnapshot(subjects, 5, Now);

        // Assert
        Assert.Equal(new ResearchExportSnapshotTaken(6, 1, 5, Now), taken);
        Assert.Equal(6, rows.Count);
        Assert.Equal(6, rows.Select(r => r.Pseudonym).Distinct().Count());
    }
}
