using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>The clinic agent's identity correction as staff would run it.</summary>
public sealed partial class ClinicAgentCliTests
{
    [Fact]
    public async Task R_ID_6_CorrectIdentity_WithConsent_ChangesTheName_AndABirthDateAgainstTheIdNumberIsABadInput()
    {
        // R-ID-6: with consent, by the owning clinic; R-ID-2: an ID-keyed record keeps the birth date its number encodes
        // Arrange
        var enrolled = await RunAsync("500106C01", "enroll", "--citizen-id", TestIdentities.CitizenId(970_161), "--name", "郑七",
            "--committee", "500106001002", "--staff", "赵医生");
        var number = RecordNumberIn(enrolled.Stdout);

        // Act
        var renamed = await RunAsync("500106C01", "correct-identity", "--record", number, "--name", "郑柒",
            "--consent", "resident, signed form on site", "--recorded-by", "赵医生");
        var contradicting = await RunAsync("500106C01", "correct-identity", "--record", number, "--birth-date", "1990-01-01",
            "--consent", "resident, signed form on site", "--recorded-by", "赵医生");
        var history = await RunAsync("500106C01", "status", "history", "--record", number);

        // Assert
        Assert.Equal(0, renamed.ExitCode);
        Assert.StartsWith("Basic information corrected.", renamed.Stdout);
        Assert.Equal(2, contradicting.ExitCode);
        Assert.Contains("date_of_birth", contradicting.Stderr);
        Assert.Contains("basic_information_corrected", history.Stdout);
    }
}
