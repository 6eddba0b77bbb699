using System.Globalization;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Tests.Merging;

/// <summary>Records built field by field for the duplicate and merge tests; fixed dates, no clock.</summary>
internal static class MergeTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly Today = new(2026, 11, 21);
    public static readonly DateOnly Born = new(1960, 3, 15);

    public const string First = "50010300100100001";
    public const string Second = "50010500100100007";
    public const string Clinic = "500103C01";
    public const string OtherClinic = "500105C01";

    /// <summary>A valid GB 11643 number for the birth date and sex; <paramref name="serial"/> tells people apart.</summary>
    public static string IdNumber(DateOnly born, Sex sex, int serial = 1, string region = "500103")
    {
        var sequence = ((serial % 499) * 2) + (sex == Sex.Male ? 1 : 0);
        var first17 = region + born.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }

    public static IdentityKey IdKey(DateOnly born, Sex sex, int serial = 1) => IdentityKey.Parse("id:" + IdNumber(born, sex, serial));

    public static readonly string MotherId = IdNumber(new DateOnly(1995, 6, 1), Sex.Female, serial: 77);

    public static IdentityKey NewbornKey(int parity = 1) => IdentityKey.For(new NewbornIdentity(CitizenIdNumber.Parse(MotherId), parity, 1, null));

    public static IdentityKey CertificateKey(string number = "A123456789") => IdentityKey.For(BirthMedicalCertificateNumber.Parse(number));

    public static ResidentProfile Profile(
        string name = "张三", Sex sex = Sex.Male, DateOnly? born = null, string? phone = "13800001111",
        string? address = "重庆市渝中区解放碑街道1号", string? registered = "重庆市渝中区七星岗街道2号",
        string? employer = "重庆钢铁厂", string? doctor = "李医生") =>
        new(name, sex, born ?? Born, phone, address, registered, employer, doctor);

    public static RecordState Record(
        string number = First, IdentityKey? identity = null, ResidentProfile? profile = null,
        DateTimeOffset? enrolledAt = null, DateTimeOffset? updatedAt = null, string owner = Clinic,
        RecordStatus status = RecordStatus.Active, string enrolledBy = "王护士")
    {
        var at = enrolledAt ?? Now.AddYears(-5);
        return new(RecordNumber.Parse(number), identity ?? IdKey(Born, Sex.Male), owner, owner[..6], status, 1, owner, enrolledBy,
            at, updatedAt ?? at, "req-" + number, profile ?? Profile(), []);
    }

    public static ServiceRecord Service(string uploadId, string recordNumber, DateOnly date, DateTimeOffset? receivedAt = null,
        string institution = Clinic, bool late = false) =>
        new(uploadId, recordNumber, ServiceKind.Visit, date, institution, "王医生", ["高血压"], 1500,
            new Dictionary<string, string>(), "复诊", late, late ? 9 : 1, receivedAt ?? new DateTimeOffset(date.ToDateTime(new TimeOnly(18, 0)), TimeSpan.FromHours(8)));
}
