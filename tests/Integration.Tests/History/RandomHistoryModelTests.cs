using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Topology;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests.History;

/// <summary>The history's model on its own (no processes): its predictions follow DOMAIN.md, and a seed fixes the operations.</summary>
public sealed class RandomHistoryModelTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void DeceasedRecord_NeverTransfers_R_TR_4()
    {
        var r = Record("500103C01", RecordStatus.Deceased);

        var expected = HistoryRules.RequestTransfer(new("t", "r1", r, "500105C01", "500105C01"), Now);

        Assert.Equal(Expected.Refused("R-TR-4"), expected);
    }

    [Theory]
    [InlineData(179, "R-TR-5")]
    [InlineData(181, "")]
    public void AfterACrossDistrictTransfer_NoTransferFor180Days_R_TR_5(int daysSince, string rule)
    {
        var r = Record("500103C01");
        r.LastCrossDistrictAt = Now.AddDays(-daysSince);

        var expected = HistoryRules.RequestTransfer(new("t", "r1", r, "500103C02", "500103C01"), Now);

        Assert.Equal(rule.Length == 0 ? Expected.Ok : Expected.Refused(rule), expected);
    }

    [Fact]
    public void TheLastHourOfTheProtection_IsAmbiguous_SoTheGeneratorDrawsAgain()
    {
        var r = Record("500103C01");
        r.LastCrossDistrictAt = Now.AddDays(-180).AddMinutes(10);

        Assert.Equal(ExpectedKind.Ambiguous, HistoryRules.RequestTransfer(new("t", "r1", r, "500103C02", "500103C01"), Now).Kind);
    }

    [Fact]
    public void ArchivedLostRecord_TransfersAtOnce_ButNotWhileAnotherIsPending_R_TR_4_R_TR_2()
    {
        var r = Record("500103C01", RecordStatus.LostToFollowUp);
        var free = HistoryRules.RequestTransfer(new("t", "r1", r, "500106C03", "500106C03"), Now);
        r.Pending = new ModelTransfer("p", r, "500103C01", "500103C02", "500103C02", Now.AddDays(3));

        var busy = HistoryRules.RequestTransfer(new("t", "r2", r, "500106C03", "500106C03"), Now);

        Assert.Equal(Expected.Ok, free);
        Assert.Equal(Expected.Refused("R-TR-2"), busy);
    }

    [Theory]
    [InlineData(LifecycleChange.MarkLost, "R-ST-2")]
    [InlineData(LifecycleChange.RecordDeath, "R-ST-3")]
    [InlineData(LifecycleChange.MoveOut, "R-ST-4")]
    public void StatusChangeByANonOwner_IsRefused_R_ST_6(LifecycleChange change, string rule)
    {
        var r = Record("500103C01", enrolledAt: Now.AddYears(-3));
        var today = DateOnly.FromDateTime(Now.DateTime);

        var expected = HistoryRules.StatusChange(new("x", "r", change, r, "500103C02", today.AddYears(-2), today.AddYears(-2)), Now);

        Assert.Equal(Expected.Refused(rule), expected);
    }

    [Theory]
    [InlineData(-400, "")]
    [InlineData(-300, "R-ST-2")]
    public void MarkLost_NeedsAYearWithoutService_R_ST_2(int enrolledDaysAgo, string rule)
    {
        var r = Record("500103C01", enrolledAt: Now.AddDays(enrolledDaysAgo));

        var expected = HistoryRules.StatusChange(new("x", "r", LifecycleChange.MarkLost, r, "500103C01"), Now);

        Assert.Equal(rule.Length == 0 ? Expected.Ok : Expected.Refused(rule), expected);
    }

    [Fact]
    public void AnswerByTheClinicThatAsked_AcrossDistricts_IsRefused_R_TR_3_AndLate_R_TR_2()
    {
        var r = Record("500103C01");
        var t = new ModelTransfer("p", r, "500103C01", "500105C01", "500105C01", Now.AddDays(2));
        var late = new ModelTransfer("q", r, "500103C01", "500103C02", "500103C02", Now.AddDays(-1));

        Assert.Equal(Expected.Refused("R-TR-3"), HistoryRules.AnswerTransfer(new("a", "r1", t, "500105C01", true, ""), Now));
        Assert.Equal(Expected.Invalid, HistoryRules.AnswerTransfer(new("a", "r2", t, "500103C01", false, " "), Now));
        Assert.Equal(Expected.Refused("R-TR-2"), HistoryRules.AnswerTransfer(new("a", "r3", late, "500103C01", true, ""), Now));
    }

    [Fact]
    public void ConfirmedCrossDistrictTransfer_MovesTheOwner_AndStartsTheProtection()
    {
        var lane = new LaneModel(0);
        var r = Record("500103C01");
        lane.Add(r);
        var t = new ModelTransfer("p", r, "500103C01", "500105C01", "500105C01", Now.AddDays(7));
        r.Pending = t;
        var answer = new TransferRequest
        {
            TransferId = "p", RecordNumber = r.Number, FromInstitutionCode = "500103C01", ToInstitutionCode = "500105C01", State = TransferState.Completed,
            AnsweredByInstitutionCode = "500103C01", AnsweredAt = Timestamp.FromDateTimeOffset(Now),
        };

        var problems = ModelUpdates.Apply(lane, new AnswerTransferOp("confirm", "c", t, "500103C01", true, ""), answer);

        Assert.Empty(problems);
        Assert.Equal(("500105C01", null, TransferState.Completed), (r.Owner, r.Pending, t.State));
        Assert.Equal(Now, r.LastCrossDistrictAt);
    }

    [Fact]
    public void TheSameSeed_DrawsTheSameOperations()
    {
        var clinics = CityTopology.Load(RepoPaths.Topology).Districts.SelectMany(d => d.Institutions).ToList();

        static List<string> Draw(IReadOnlyList<Institution> clinics, int seed)
        {
            var generator = new OperationGenerator(seed, new LaneModel(1), clinics);
            return Enumerable.Range(0, 20).Select(_ => generator.Next(Now).Op.ToString()!).ToList();
        }

        Assert.Equal(Draw(clinics, 7), Draw(clinics, 7));
        Assert.NotEqual(Draw(clinics, 7), Draw(clinics, 8));
    }

    private static ModelRecord Record(string owner, RecordStatus status = RecordStatus.Active, DateTimeOffset? enrolledAt = null) =>
        new("50010300100100001", "110101199003074477", owner, enrolledAt ?? Now.AddDays(-30)) { Status = status };
}
