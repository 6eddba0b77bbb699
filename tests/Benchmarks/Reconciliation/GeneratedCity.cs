using System.Globalization;
using System.Text.Json;
using HealthRecords.Grains.Records;
using HealthRecords.TestSupport;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>
/// The reconciliation benchmark's city, generated: districts 500101, 500102, … with 25 clinics each,
/// every clinic serving one committee, its records numbered 1..N in that committee. Everything about a
/// record follows from its (district, clinic, serial), so the fixture can be checked and restored
/// without storing it twice.
/// </summary>
internal sealed record GeneratedCity(int Districts, int ClinicsPerDistrict, int RecordsPerClinic)
{
    public const int DefaultClinicsPerDistrict = 25;
    private const int FirstDistrict = 500101;

    public long Records => (long)Districts * ClinicsPerDistrict * RecordsPerClinic;

    public static GeneratedCity For(long records, int districts)
    {
        if (districts is < 1 or > 99)
            throw new ArgumentException($"--districts {districts}: 1 to 99 (codes 500101..500199).");
        var perClinic = records / ((long)districts * DefaultClinicsPerDistrict);
        // A record number has a 5-digit serial within its committee, and this city gives each clinic one committee.
        if (perClinic is < 1 or > 99_999 || perClinic * districts * DefaultClinicsPerDistrict != records)
            throw new ArgumentException($"--records {records}: must be a multiple of {districts * DefaultClinicsPerDistrict} (districts × clinics) with at most 99,999 per clinic.");
        return new GeneratedCity(districts, DefaultClinicsPerDistrict, (int)perClinic);
    }

    public string DistrictCode(int district) => (FirstDistrict + district).ToString(CultureInfo.InvariantCulture);

    public string ClinicCode(int district, int clinic) => $"{DistrictCode(district)}C{clinic + 1:D2}";

    public string CommitteeCode(int district, int clinic) => $"{DistrictCode(district)}{clinic + 1:D3}001";

    public string RecordNumber(int district, int clinic, int serial) => $"{CommitteeCode(district, clinic)}{serial:D5}";

    /// <summary>The records of one district, in record-number order (the order of every index they go into).</summary>
    public IEnumerable<GeneratedRecord> RecordsOf(int district)
    {
        for (var clinic = 0; clinic < ClinicsPerDistrict; clinic++)
            for (var serial = 1; serial <= RecordsPerClinic; serial++)
                yield return Record(district, clinic, serial);
    }

    public GeneratedRecord Record(int district, int clinic, int serial)
    {
        // Unique across the city: the district code is the ID's region, and the index within the district its date and sequence.
        var citizenId = TestIdentities.CitizenId((long)clinic * RecordsPerClinic + serial - 1, DistrictCode(district));
        return new GeneratedRecord(RecordNumber(district, clinic, serial), citizenId, ClinicCode(district, clinic), DistrictCode(district),
            CommitteeCode(district, clinic), StatusOf(serial), 1 + serial / 7 % 3);
    }

    /// <summary>Mostly active (85 %), the rest archived in the three ways R-CN-1 counts.</summary>
    private static RecordStatus StatusOf(int serial) => (serial % 20) switch
    {
        0 => RecordStatus.LostToFollowUp,
        7 => RecordStatus.Deceased,
        13 => RecordStatus.MovedOut,
        _ => RecordStatus.Active,
    };

    /// <summary>The topology file the nodes load: the same format as config/topology.demo.json.</summary>
    public void WriteTopology(string path)
    {
        var topology = new
        {
            city = "基准市 Benchmark City",
            districts = Enumerable.Range(0, Districts).Select(d => new
            {
                code = DistrictCode(d),
                name = $"基准区 {d + 1}",
                institutions = Enumerable.Range(0, ClinicsPerDistrict).Select(c => new
                {
                    code = ClinicCode(d, c),
                    name = $"基准区 {d + 1} 社区卫生服务中心 {c + 1}",
                    committees = new[] { CommitteeCode(d, c) },
                }),
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(topology, new JsonSerializerOptions { WriteIndented = true }));
    }
}

/// <summary>One generated record's index facts and the identity it was enrolled with.</summary>
internal sealed record GeneratedRecord(
    string RecordNumber, string CitizenId, string OwnerInstitution, string OwnerDistrict, string Committee, RecordStatus Status, long Version)
{
    public string IdentityKey => "id:" + CitizenId;

    public string IdentityMasked => CitizenId[..6] + new string('*', CitizenId.Length - 10) + CitizenId[^4..];
}
