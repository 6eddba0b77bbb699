using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Merging;

/// <summary>
/// A seeded synthetic district for detection precision/recall: residents with unique ID numbers and
/// phones, planted duplicates (the same person twice) and planted namesakes (another person with the
/// same name and birth date). Each record carries the person it belongs to, the ground truth.
/// </summary>
internal sealed class SyntheticDistrict
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "建华", "文", "玲"];
    private static readonly string[] Regions = ["500103", "500104", "500105", "500106", "500107", "500108", "500109"];

    public sealed record SyntheticRecord(int Person, DuplicateSubject Subject);

    public List<SyntheticRecord> Records { get; } = [];

    public int PlantedPairs { get; private set; }

    public static SyntheticDistrict Build(int seed, int residents, int duplicates, int namesakes)
    {
        var random = new Random(seed);
        var district = new SyntheticDistrict();
        var people = new List<(ResidentProfile Profile, IdentityKey Key)>();
        for (var i = 0; i < residents; i++)
        {
            var profile = RandomPerson(random, i);
            people.Add((profile, IdKey(profile, i)));
            district.Add(i, people[i].Key, profile);
        }
        // Distinct people: duplicates of even-numbered residents, namesakes of odd-numbered ones, so no pair overlaps.
        var picks = Enumerable.Range(0, residents).ToArray();
        random.Shuffle(picks);
        var even = picks.Where(i => i % 2 == 0).Take(duplicates).ToList();
        var odd = picks.Where(i => i % 2 == 1).Take(namesakes).ToList();
        for (var d = 0; d < duplicates; d++)
        {
            var i = even[d];
            var (p, key) = people[i];
            var copy = (d % 4) switch
            {
                0 => (key, p with { Name = " " + p.Name, Phone = "不详" }), // same key, written differently
                1 => (Certificate(d), p with { CurrentAddress = "不详", RegisteredAddress = null }), // same phone
                2 => (Certificate(d), p with { Phone = "不详" }), // same address
                _ => (Certificate(d), p with { Phone = Phone(900_000 + d), CurrentAddress = "重庆市某地" + d, RegisteredAddress = null }), // nothing but name, birth, sex
            };
            district.Add(i, copy.Item1, copy.Item2);
            district.PlantedPairs++;
        }
        for (var n = 0; n < namesakes; n++)
        {
            var i = odd[n];
            var p = people[i].Profile;
            var other = Opposite(p.Sex);
            var namesake = (n % 4) switch
            {
                0 or 1 => p with { Phone = Phone(800_000 + n), CurrentAddress = "重庆市别处" + n, RegisteredAddress = null },
                2 => p with { Sex = other, Phone = Phone(800_000 + n) },
                _ => p with { Phone = Phone(800_000 + n) },
            };
            var person = residents + n;
            district.Add(person, IdKey(namesake, person), namesake);
        }
        return district;
    }

    private void Add(int person, IdentityKey key, ResidentProfile profile)
    {
        var number = "500103001001" + (Records.Count + 1).ToString("D5", CultureInfo.InvariantCulture);
        Records.Add(new(person, new DuplicateSubject(number, key, profile)));
    }

    private static ResidentProfile RandomPerson(Random random, int i)
    {
        var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        var born = new DateOnly(1940, 1, 1).AddDays(random.Next(365 * 80));
        var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
        var address = $"重庆市渝中区{random.Next(300)}街{random.Next(1, 200)}号";
        return new ResidentProfile(name, sex, born, Phone(i), address, null, null, null);
    }

    // Unique per person: a 9-digit tail from the index.
    private static string Phone(int i) => "13" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture);

    private static IdentityKey IdKey(ResidentProfile p, int person) =>
        IdentityKey.Parse("id:" + MergeTestData.IdNumber(p.DateOfBirth!.Value, p.Sex, person % 499, Regions[person / 499]));

    private static IdentityKey Certificate(int d) =>
        IdentityKey.For(BirthMedicalCertificateNumber.Parse("B" + (100_000_000 + d).ToString(CultureInfo.InvariantCulture)));

    private static Sex Opposite(Sex sex) => sex == Sex.Male ? Sex.Female : Sex.Male;
}
