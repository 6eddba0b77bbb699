using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;

namespace HealthRecords.Grains.Tests.Records;

internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly Today = new(2026, 11, 21);

    public static readonly CityTopology Topology = new("重庆市", [
        new District("500103", "渝中区", [new Institution("500103C01", "七星岗", "500103", ["500103001001"]),
                                        new Institution("500103C02", "解放碑", "500103", ["500103002001"])]),
        new District("500105", "江北区", [new Institution("500105C01", "观音桥", "500105", ["500105001001"])]),
    ]);

    public static ResidentProfile Profile(string name = "张三", Sex sex = Sex.Unspecified, DateOnly? born = null) =>
        new(name, sex, born, "13800000000", "重庆市渝中区", null, null, null);

    public static EnrollmentInput Input(string citizenId = "440308199901101512", string committee = "500103001001",
        string institution = "500103C01", ResidentProfile? profile = null, string requestId = "req-1") =>
        new(requestId, institution, "王护士", committee, new IdentityInput(citizenId, null, null, null), profile ?? Profile());

    public static RecordState Enrolled(string requestId = "req-1", string owner = "500103C01")
    {
        var command = Input(requestId: requestId, institution: owner).Validate(Topology, Today);
        var decision = (EnrollmentDecision.Enroll)RecordDecider.DecideEnrollment(command, existing: null);
        return RecordState.Create(decision.EventFor(RecordNumber.Parse("50010300100100001"), Now));
    }
}
