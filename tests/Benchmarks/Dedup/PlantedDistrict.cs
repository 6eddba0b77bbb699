using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Import;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;

namespace HealthRecords.Benchmarks.Dedup;

/// <summary>How a planted record relates to the person it copies; the ground truth detection is scored against.</summary>
internal enum Plant
{
    Original,
    // Planted duplicates: the same person entered twice.
    SameIdReentered,
    OtherIdSamePhone,
    CertificateSameAddress,
    OtherIdSamePhoneAndAddress,
    OtherIdMovedNewPhone,
    // Planted near-misses: another person who looks alike.
    NamesakeOtherBirthDateSameAddress,
    NamesakeElsewhere,
    NamesakeOtherSexSamePhone,
    TwinOtherNameSameHome,
    NamesakeSameAddress,
}

/// <summary>One generated historic record and the person it belongs to.</summary>
internal sealed record PlantedRecord(int Person, Plant Plant, HistoricRecordInput Input);

/// <summary>
/// A seeded historic district (after tests/Grains.Tests/Merging/SyntheticDistrict): unique residents,
/// 2% planted duplicates (the same person again: re-entered ID number, another ID number or a birth
/// certificate with the same name, birth date and sex plus phone and/or address, and one kind the
/// rule cannot see: moved, new phone) and 1% planted near-misses (other people who look alike), shuffled.
/// </summary>
internal sealed class PlantedDistrict
{
    public const string DistrictCode = "500103";
    public const string Clinic = "500103C01";
    private const int Committees = 40; // R-ID-4: 99,999 serials each
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "建华", "文", "玲"];
    private static readonly Plant[] DuplicateKinds = [Plant.SameIdReentered, Plant.SameIdReentered, Plant.SameIdReentered, Plant.SameIdReentered,
        Plant.OtherIdSamePhone, Plant.OtherIdSamePhone, Plant.CertificateSameAddress, Plant.CertificateSameAddress, Plant.OtherIdSamePhoneAndAddress, Plant.OtherIdMovedNewPhone];
    private static readonly Plant[] NearMissKinds = [Plant.NamesakeOtherBirthDateSameAddress, Plant.NamesakeElsewhere, Plant.NamesakeOtherSexSamePhone,
        Plant.TwinOtherNameSameHome, Plant.NamesakeSameAddress];

    public List<PlantedRecord> Records { get; } = [];

    public int PlantedPairs { get; private set; }

    public static CityTopology Topology { get; } = new("基准市", [new District(DistrictCode, "基准区",
        [new Institution(Clinic, "基准社区卫生服务中心", DistrictCode, [.. Enumerable.Range(1, Committees).Select(Committee)])])]);

    public static PlantedDistrict Build(int seed, int records)
    {
        var random = new Random(seed);
        var duplicates = records / 50;
        var nearMisses = records / 100;
        var originals = records - duplicates - nearMisses;
        var district = new PlantedDistrict();
        var people = new List<ResidentProfile>(originals);
        for (var p = 0; p < originals; p++)
        {
            people.Add(RandomPerson(random, p));
            district.Add(p, Plant.Original, IdOf(people[p], p, "50"), people[p], random);
        }
        var picks = Enumerable.Range(0, originals).ToArray();
        random.Shuffle(picks);
        for (var d = 0; d < duplicates; d++)
        {
            var p = picks[d];
            var kind = DuplicateKinds[d % DuplicateKinds.Length];
            var o = people[p];
            var (identity, profile) = kind switch
            {
                Plant.SameIdReentered => (IdOf(o, p, "50"), o with { Name = o.Name[..1] + " " + o.Name[1..], Phone = "不详" }),
                Plant.OtherIdSamePhone => (IdOf(o, d, "52"), o with { CurrentAddress = "不详" }),
                Plant.CertificateSameAddress => (Certificate(d), o with { Phone = "不详" }),
                Plant.OtherIdSamePhoneAndAddress => (IdOf(o, d, "52"), o),
                _ => (IdOf(o, d, "52"), o with { Phone = Phone(5_000_000 + d), CurrentAddress = $"重庆市江北区新村{d}号" }),
            };
            district.Add(p, kind, identity, profile, random);
            district.PlantedPairs++;
        }
        for (var n = 0; n < nearMisses; n++)
        {
            var o = people[picks[duplicates + n]];
            var kind = NearMissKinds[n % NearMissKinds.Length];
            var other = o.Sex == Sex.Male ? Sex.Female : Sex.Male;
            var lookalike = kind switch
            {
                Plant.NamesakeOtherBirthDateSameAddress => o with { DateOfBirth = o.DateOfBirth!.Value.AddYears(-25), Phone = Phone(6_000_000 + n) },
                Plant.NamesakeElsewhere => o with { Phone = Phone(6_000_000 + n), CurrentAddress = $"重庆市南岸区别处{n}号" },
                Plant.NamesakeOtherSexSamePhone => o with { Sex = other, CurrentAddress = "不详" },
                Plant.TwinOtherNameSameHome => o with { Name = o.Name[..1] + GivenNames[(Array.IndexOf(GivenNames, o.Name[1..]) + 1) % GivenNames.Length] },
                _ => o with { Phone = Phone(6_000_000 + n) }, // same name, birth date, sex and address: the rule proposes it, wrongly
            };
            var person = originals + n;
            district.Add(person, kind, IdOf(lookalike, person, "50"), lookalike, random);
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(district.Records));
        for (var i = 0; i < district.Records.Count; i++)
            district.Records[i] = district.Records[i] with { Input = district.Records[i].Input with { Sequence = i + 1, HistoricId = $"H{i + 1:D8}" } };
        return district;
    }

    public static bool IsDuplicate(Plant plant) => plant is > Plant.Original and < Plant.NamesakeOtherBirthDateSameAddress;

    private void Add(int person, Plant plant, IdentityInput identity, ResidentProfile profile, Random random)
    {
        var committee = Committee(random.Next(1, Committees + 1));
        // The ID number states birth date and sex; a birth certificate does not, so the record does.
        var stated = identity.CitizenIdNumber is null ? profile : profile with { Sex = Sex.Unspecified, DateOfBirth = null };
        var enrolledOn = new DateOnly(2009, 1, 1).AddDays(random.Next(365 * 15));
        Records.Add(new(person, plant, new HistoricRecordInput(0, "", Clinic, "建档护士", committee, enrolledOn, identity, stated)));
    }

    private static string Committee(int i) => $"500103001{i:D3}";

    private static ResidentProfile RandomPerson(Random random, int i)
    {
        var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        var born = new DateOnly(1940, 1, 1).AddDays(random.Next(365 * 80));
        var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
        var address = $"重庆市渝中区{random.Next(300)}街{random.Next(1, 200)}号";
        return new ResidentProfile(name, sex, born, Phone(i), address, null, null, null);
    }

    // Unique per index: a 9-digit tail.
    private static string Phone(int i) => "13" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture);

    // Unique per (province prefix, index): region from the index, sequence from the index, sex and birth date from the profile.
    private static IdentityInput IdOf(ResidentProfile p, int index, string province)
    {
        var region = province + (index / 499).ToString("D4", CultureInfo.InvariantCulture);
        var sequence = ((index % 499) * 2) + (p.Sex == Sex.Male ? 1 : 0);
        var first17 = region + p.DateOfBirth!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return new IdentityInput(first17 + CitizenIdNumber.ComputeCheckCharacter(first17), null, null, null);
    }

    private static IdentityInput Certificate(int d) => new(null, null, "B" + (100_000_000 + d).ToString(CultureInfo.InvariantCulture), null);
}
