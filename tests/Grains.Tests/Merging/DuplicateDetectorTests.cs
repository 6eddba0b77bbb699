using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class DuplicateDetectorTests
{
    private static DuplicateSubject Subject(string number, IdentityKey? identity = null, HealthRecords.Grains.Records.ResidentProfile? profile = null, CitizenIdNumber? mother = null) =>
        new(number, identity ?? IdKey(Born, Sex.Male), profile ?? Profile(), mother);

    [Fact]
    public void Detect_SameIdentityKey_IsExact()
    {
        // R-ID-1: historic data holds the same key twice
        var a = Subject(First, profile: Profile(name: "张三"));
        var b = Subject(Second, profile: Profile(name: "张叁", phone: "不详", address: null, registered: null));

        var match = DuplicateDetector.Compare(a, b);

        Assert.Equal(DuplicateLikelihood.Exact, match.Likelihood);
        Assert.True(match.Evidence.HasFlag(MatchEvidence.IdentityKey));
        Assert.False(match.Evidence.HasFlag(MatchEvidence.Name));
    }

    [Fact]
    public void Detect_SameNameBirthSexAndPhone_DifferentKeys_IsProbableWithEvidence()
    {
        // R-ID-1: name folded (white space, full width) before comparing; phone compared by its digits
        var a = Subject(First, IdKey(Born, Sex.Male, serial: 1), Profile(name: "张 三", phone: "138-0000-1111", address: "甲地", registered: null));
        var b = Subject(Second, IdKey(Born, Sex.Male, serial: 2), Profile(name: "张三", phone: "+86 13800001111", address: "乙地", registered: null));

        var match = DuplicateDetector.Compare(a, b);

        Assert.Equal(DuplicateLikelihood.Probable, match.Likelihood);
        Assert.Equal(MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex | MatchEvidence.Phone, match.Evidence);
    }

    [Fact]
    public void Detect_SameNameBirthSex_AddressOnly_IsProbable()
    {
        // R-ID-1: one's registered address is the other's current address
        var a = Subject(First, CertificateKey("A000000001"), Profile(phone: null, address: "重庆市江北区观音桥1号", registered: null));
        var b = Subject(Second, CertificateKey("A000000002"), Profile(phone: "不详", address: null, registered: "重庆市江北区 观音桥1号"));

        var match = DuplicateDetector.Compare(a, b);

        Assert.Equal(DuplicateLikelihood.Probable, match.Likelihood);
        Assert.True(match.Evidence.HasFlag(MatchEvidence.Address));
    }

    [Fact]
    public void Detect_SameNameAndBirth_NoPhoneOrAddressInCommon_IsNone()
    {
        // R-ID-1: name and birth date alone are common; a second fact is needed
        var a = Subject(First, IdKey(Born, Sex.Male, 1), Profile(phone: "13800001111", address: "甲地", registered: null));
        var b = Subject(Second, IdKey(Born, Sex.Male, 2), Profile(phone: "13900002222", address: "乙地", registered: null));

        Assert.Equal(DuplicateLikelihood.None, DuplicateDetector.Compare(a, b).Likelihood);
    }

    [Fact]
    public void Detect_DifferentSex_IsNone()
    {
        // R-ID-1: sex must match
        var a = Subject(First, CertificateKey("A000000001"), Profile(sex: Sex.Male));
        var b = Subject(Second, CertificateKey("A000000002"), Profile(sex: Sex.Female));

        Assert.Equal(DuplicateLikelihood.None, DuplicateDetector.Compare(a, b).Likelihood);
    }

    [Fact]
    public void Detect_PlaceholderPhonesAndAddresses_DoNotMatch()
    {
        // R-MG-2 validity: two "不详" are no common phone
        var a = Subject(First, IdKey(Born, Sex.Male, 1), Profile(phone: "不详", address: "不详", registered: null));
        var b = Subject(Second, IdKey(Born, Sex.Male, 2), Profile(phone: "不详", address: "不详", registered: null));

        Assert.Equal(DuplicateLikelihood.None, DuplicateDetector.Compare(a, b).Likelihood);
    }

    [Fact]
    public void Detect_NewbornMotherKey_AndLaterIdRecordOfTheSameChildAndMother_IsProbable()
    {
        // R-ID-1, R-ID-3: the newborn enrolled by the mother's key, later again with the child's own ID number
        var born = new DateOnly(2025, 2, 1);
        var newborn = Subject(First, NewbornKey(), Profile(name: "李小宝", sex: Sex.Female, born: born, phone: null, address: null, registered: null));
        var child = Subject(Second, IdKey(born, Sex.Female), Profile(name: "李小宝", sex: Sex.Unspecified, phone: null, address: null, registered: null) with { DateOfBirth = null },
            mother: CitizenIdNumber.Parse(MotherId));

        var match = DuplicateDetector.Compare(newborn, child);

        Assert.Equal(DuplicateLikelihood.Probable, match.Likelihood);
        Assert.True(match.Evidence.HasFlag(MatchEvidence.Mother | MatchEvidence.NewbornToIdNumber | MatchEvidence.Sex | MatchEvidence.DateOfBirth));
    }

    [Fact]
    public void Detect_NewbornAndIdRecord_OtherMother_IsNone()
    {
        // R-ID-1: same name and birth date, but another mother: another child
        var born = new DateOnly(2025, 2, 1);
        var newborn = Subject(First, NewbornKey(), Profile(name: "李小宝", sex: Sex.Female, born: born, phone: null, address: null, registered: null));
        var child = Subject(Second, IdKey(born, Sex.Female), Profile(name: "李小宝", sex: Sex.Female, born: born, phone: null, address: null, registered: null),
            mother: CitizenIdNumber.Parse(IdNumber(new DateOnly(1990, 1, 1), Sex.Female, serial: 5)));

        Assert.Equal(DuplicateLikelihood.None, DuplicateDetector.Compare(newborn, child).Likelihood);
    }

    [Fact]
    public void BlockingKey_IsFoldedNameAndBirthDate_NullWithoutEither()
    {
        // R-ID-1: bulk detection compares only within blocks
        Assert.Equal("张三|19600315", DuplicateDetector.BlockingKey(Subject(First, profile: Profile(name: " 张 三 "))));
        Assert.Equal(DuplicateDetector.BlockingKey(Subject(First, profile: Profile(name: "ＡＢＣ"))),
            DuplicateDetector.BlockingKey(Subject(Second, profile: Profile(name: "abc"))));
        Assert.Null(DuplicateDetector.BlockingKey(Subject(First, CertificateKey(), Profile(name: "不详"))));
        Assert.Null(DuplicateDetector.BlockingKey(Subject(First, CertificateKey(), Profile() with { DateOfBirth = null })));
    }
}
