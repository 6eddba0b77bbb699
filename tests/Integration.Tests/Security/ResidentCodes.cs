using System.Text.Json;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;
using AccessGrant = HealthRecords.Contracts.Types.V1.AccessGrant;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>The resident's one-time code as a clinic's user obtains it: request, read the SMS, confirm (R-AC-2).</summary>
internal static class ResidentCodes
{
    /// <summary>The code in the last SMS the city sent to <paramref name="phone"/> (its outbox, drained by an SMS gateway in production).</summary>
    public static string LastSmsCode(Federation federation, string phone)
    {
        var outbox = Path.Combine(federation.DataRoot, "city0", "sms-outbox.jsonl");
        var last = File.ReadAllLines(outbox).Select(l => JsonDocument.Parse(l).RootElement).Last(m => m.GetProperty("to").GetString() == phone);
        return System.Text.RegularExpressions.Regex.Match(last.GetProperty("text").GetString()!, "授权码 ([0-9]{6})").Groups[1].Value;
    }

    /// <summary>
    /// The grant of the usual clinician of <paramref name="clinic"/> (the user behind its test calls)
    /// after the resident with <paramref name="phone"/> gave the code.
    /// </summary>
    public static async Task<AccessGrant> GrantAsync(Federation federation, string clinic, string recordNumber, string purpose, string phone = "13800000000")
    {
        using var channel = TestChannel.For(federation.Districts[clinic[..6]].Address);
        var access = Feeds.DistrictService(channel, $"institution:{clinic}", District.RecordAccessReflection.Descriptor, "ClinicRecordAccessService");
        var challenge = await access.UnaryAsync<City.RequestResidentAuthorizationRequest, City.ResidentAuthorizationChallenge>("RequestResidentAuthorization",
            new() { RecordNumber = recordNumber, Purpose = purpose });
        return await access.UnaryAsync<City.ConfirmResidentAuthorizationRequest, AccessGrant>("ConfirmResidentAuthorization",
            new() { ChallengeId = challenge.ChallengeId, Code = LastSmsCode(federation, phone) });
    }
}
