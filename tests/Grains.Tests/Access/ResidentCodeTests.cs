using HealthRecords.Grains.Access;

namespace HealthRecords.Grains.Tests.Access;

public sealed class ResidentCodeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly AccessTerms Terms = AccessTerms.PlatformDefaults;
    private static readonly Principal Clinician = new("dr-he", "500105C02", Role.Clinician);

    private static ResidentCodeChallenge Challenge(string code = "123456") =>
        ResidentCodes.Issue("rc-1", Clinician, "50010300100100001", "hypertension visit", code, "138****0001", Now, Terms);

    [Fact]
    public void ResidentCode_Right_GivesAGrantForThePolicysValidity_AndIsUsedUp()
    {
        // R-AC-2
        var confirmation = ResidentCodes.Confirm(Challenge(), Clinician, "123456", Now.AddMinutes(3), Terms);

        Assert.Null(confirmation.Denial);
        Assert.Equal(AccessBasis.ResidentAuthorization, confirmation.Grant!.Basis);
        Assert.Equal(Now.AddMinutes(3) + Terms.ResidentAuthorizationValidity, confirmation.Grant.ExpiresAt);
        Assert.Equal(("500105C02", "dr-he", "50010300100100001"), (confirmation.Grant.Institution, confirmation.Grant.User, confirmation.Grant.RecordNumber));
        Assert.True(confirmation.Challenge.Used);
        Assert.Equal("RESIDENT_CODE_USED", ResidentCodes.Confirm(confirmation.Challenge, Clinician, "123456", Now.AddMinutes(4), Terms).Denial!.Reason);
    }

    [Fact]
    public void ResidentCode_Wrong_CostsATry_UntilNoneAreLeft()
    {
        // R-AC-2
        var challenge = Challenge();
        for (var i = 0; i < Terms.ResidentCodeAttempts; i++)
        {
            var wrong = ResidentCodes.Confirm(challenge, Clinician, "000000", Now, Terms);
            Assert.Equal("RESIDENT_CODE_WRONG", wrong.Denial!.Reason);
            challenge = wrong.Challenge;
        }

        var afterwards = ResidentCodes.Confirm(challenge, Clinician, "123456", Now, Terms);

        Assert.Equal(0, challenge.AttemptsLeft);
        Assert.Equal("RESIDENT_CODE_ATTEMPTS_EXHAUSTED", afterwards.Denial!.Reason);
        Assert.Null(afterwards.Grant);
    }

    [Fact]
    public void ResidentCode_AfterItsValidity_IsExpired()
    {
        // R-AC-2
        var late = ResidentCodes.Confirm(Challenge(), Clinician, "123456", Now + Terms.ResidentCodeValidity, Terms);

        Assert.Equal("RESIDENT_CODE_EXPIRED", late.Denial!.Reason);
    }

    [Fact]
    public void ResidentCode_PresentedByAnotherUser_IsRefused()
    {
        // R-AC-2: the code authorizes the clinician who asked, not a colleague.
        var colleague = Clinician with { User = "dr-other" };

        var refused = ResidentCodes.Confirm(Challenge(), colleague, "123456", Now, Terms);

        Assert.Equal("NOT_CHALLENGE_REQUESTER", refused.Denial!.Reason);
        Assert.Equal(Terms.ResidentCodeAttempts, refused.Challenge.AttemptsLeft);
    }

    [Fact]
    public void ResidentCode_IsKeptAsASaltedHash()
    {
        // R-AC-2, R-AC-6: the stored challenge does not reveal the code; equal codes of two challenges hash differently.
        var challenge = Challenge("654321");

        Assert.DoesNotContain("654321", challenge.CodeHash);
        Assert.NotEqual(ResidentCodes.Hash("rc-1", "654321"), ResidentCodes.Hash("rc-2", "654321"));
        Assert.Matches("^[0-9]{6}$", ResidentCodes.NewCode());
    }

    [Fact]
    public void EmergencyAccess_IsShort_AndKeepsTheReason()
    {
        // R-AC-2: break the glass.
        var record = new RecordAccessFacts("50010300100100001", "500103C01", "500103", null);

        var grant = EmergencyAccess.Declare("em-1", Clinician, record, EmergencyKind.LifeAtRisk, "unconscious patient, allergies unknown", Now, Terms);

        Assert.Equal(AccessBasis.Emergency, grant.Basis);
        Assert.Equal(Now + Terms.EmergencyAccessValidity, grant.ExpiresAt);
        Assert.Equal("life at risk: unconscious patient, allergies unknown", grant.Reason);
    }
}
