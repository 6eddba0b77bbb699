using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Tests.Services;

/// <summary>Fixed dates and builders for the service tests; nothing reads the clock.</summary>
internal static class ServiceTestData
{
    public const string TestRecordNumber = "50010300100100001";
    public const string Clinic = "500103C01";

    /// <summary>Received on 2026-03-20 at 10:00 China time.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly ReceivedOn = new(2026, 3, 20);

    public static readonly ResidentFacts ActiveAdult = new(RecordStatus.Active, new DateOnly(1980, 5, 1), null, Sex.Female);

    public static ServiceRecordInput Input(
        string uploadId = "up-1",
        ServiceKind kind = ServiceKind.Visit,
        DateOnly? date = null,
        string staff = "王医生",
        IReadOnlyList<string>? problems = null,
        long costFen = 1500,
        IReadOnlyDictionary<string, string>? measurements = null,
        string institution = Clinic) =>
        new(uploadId, TestRecordNumber, (int)kind, date ?? ReceivedOn, institution, staff,
            problems ?? ["高血压"], costFen, measurements ?? new Dictionary<string, string>(), "复诊");

    public static ServiceRecord Record(
        string uploadId = "up-1",
        ServiceKind kind = ServiceKind.Visit,
        DateOnly? date = null,
        IReadOnlyDictionary<string, string>? measurements = null,
        string institution = Clinic) =>
        new(uploadId, TestRecordNumber, kind, date ?? ReceivedOn, institution, "王医生", ["高血压"], 1500,
            measurements ?? new Dictionary<string, string>(), "复诊", Late: false, DaysAfterService: 0, ReceivedAt);

    public static Dictionary<string, string> Measure(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
