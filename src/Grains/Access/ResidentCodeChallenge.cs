using System.Security.Cryptography;
using System.Text;

namespace HealthRecords.Grains.Access;

/// <summary>
/// A one-time code sent to the resident's phone so that a clinician of another institution may read
/// the record (R-AC-2: dynamic or SMS code). Only the code's hash is kept; it is single-use, expires
/// and allows a few tries.
/// </summary>
public sealed record ResidentCodeChallenge(
    string ChallengeId,
    string RecordNumber,
    string Institution,
    string User,
    string Purpose,
    string CodeHash,
    string SentTo,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int AttemptsLeft,
    bool Used);

/// <summary>The outcome of presenting a code: a grant, or a refusal (and the challenge as it is now, with one try fewer).</summary>
public sealed record CodeConfirmation(ResidentCodeChallenge Challenge, AccessGrant? Grant, AccessDenial? Denial);

public static class ResidentCodes
{
    public const int Digits = 6;

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The challenge id salts the hash, so equal codes of two challenges do not look alike.</summary>
    public static string Hash(string challengeId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{challengeId}\u001f{code.Trim()}")));

    public static ResidentCodeChallenge Issue(string challengeId, Principal requester, string recordNumber, string purpose, string code,
        string sentTo, DateTimeOffset now, AccessTerms terms) =>
        new(challengeId, recordNumber, requester.Institution, requester.User, purpose, Hash(challengeId, code), sentTo,
            now, now + terms.ResidentCodeValidity, terms.ResidentCodeAttempts, Used: false);

    /// <summary>R-AC-2: only the clinician who asked, within the validity, once, with the right code.</summary>
    public static CodeConfirmation Confirm(ResidentCodeChallenge challenge, Principal presenter, string code, DateTimeOffset now, AccessTerms terms)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(presenter);
        ArgumentNullException.ThrowIfNull(terms);
        if (presenter.Institution != challenge.Institution || presenter.User != challenge.User)
            return Refuse(challenge, "NOT_CHALLENGE_REQUESTER", $"Challenge {challenge.ChallengeId} was requested by {challenge.User}@{challenge.Institution}.");
        if (challenge.Used)
            return Refuse(challenge, "RESIDENT_CODE_USED", $"The code of challenge {challenge.ChallengeId} was already used; ask for a new one.");
        if (now >= challenge.ExpiresAt)
            return Refuse(challenge, "RESIDENT_CODE_EXPIRED", $"The code of challenge {challenge.ChallengeId} expired at {challenge.ExpiresAt:O}; ask for a new one.");
        if (challenge.AttemptsLeft <= 0)
            return Refuse(challenge, "RESIDENT_CODE_ATTEMPTS_EXHAUSTED", $"Challenge {challenge.ChallengeId} allows no more tries; ask for a new code.");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(challenge.ChallengeId, code ?? "")), Encoding.ASCII.GetBytes(challenge.CodeHash)))
        {
            var tried = challenge with { AttemptsLeft = challenge.AttemptsLeft - 1 };
            return Refuse(tried, "RESIDENT_CODE_WRONG", $"The code is not the one sent for challenge {challenge.ChallengeId}; {tried.AttemptsLeft} tries left.");
        }
        var grant = new AccessGrant($"ag-{challenge.ChallengeId}", AccessBasis.ResidentAuthorization, challenge.RecordNumber, challenge.Institution,
            challenge.User, challenge.Purpose, now, now + terms.ResidentAuthorizationValidity);
        return new CodeConfirmation(challenge with { Used = true }, grant, null);
    }

    private static CodeConfirmation Refuse(ResidentCodeChallenge challenge, string reason, string message) =>
        new(challenge, null, new AccessDenial(reason, "R-AC-2", message));
}
