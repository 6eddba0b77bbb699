using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthRecords.Grains.Access;

namespace HealthRecords.Hosting.Security;

/// <summary>
/// The signed bearer token of a user (R-AC-5: authentication, role-based users): a JWT signed with
/// ES256 by the city's token authority and verified by every node with its public key. Claims:
/// <c>sub</c> user, <c>inst</c> institution, <c>role</c>, <c>rn</c> (a resident's own record),
/// <c>wards</c> (a guardian's wards), <c>iat</c>, <c>exp</c>.
/// </summary>
public static class AccessToken
{
    public const string Issuer = "healthrecords-city";

    public static string Issue(ECDsa signingKey, Principal principal, DateTimeOffset issuedAt, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(principal);
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT" };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = principal.User,
            ["inst"] = principal.Institution,
            ["role"] = principal.Role.Name(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + validity).ToUnixTimeSeconds(),
        };
        if (principal.RecordNumber is { } record)
            claims["rn"] = record;
        if (principal.Wards.Count > 0)
            claims["wards"] = new JsonArray(principal.Wards.Select(w => (JsonNode)w!).ToArray());
        var signed = $"{Encode(header)}.{Encode(claims)}";
        var signature = signingKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signed}.{Base64Url(signature)}";
    }

    /// <summary>The principal of a valid token, or why the token is not accepted (reason code, message).</summary>
    public static (Principal? Principal, string? Reason, string? Message) Verify(ECDsa publicKey, string token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var parts = token.Split('.');
        if (parts.Length != 3)
            return (null, "TOKEN_MALFORMED", "The bearer token is not a JWT (header.claims.signature).");
        JsonNode? header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(FromBase64Url(parts[0]));
            claims = JsonNode.Parse(FromBase64Url(parts[1]));
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, "TOKEN_MALFORMED", "The bearer token is not a JWT (header.claims.signature).");
        }
        if ((string?)header?["alg"] != "ES256")
            return (null, "TOKEN_MALFORMED", "The bearer token must be signed with ES256.");
        if (!publicKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return (null, "TOKEN_SIGNATURE_INVALID", "The bearer token's signature does not verify with the city's token key.");
        try
        {
            if ((string?)claims?["iss"] != Issuer)
                return (null, "TOKEN_MALFORMED", $"The bearer token was not issued by {Issuer}.");
            var expires = DateTimeOffset.FromUnixTimeSeconds((long)claims!["exp"]!);
            if (now >= expires)
                return (null, "TOKEN_EXPIRED", $"The bearer token expired at {expires:O}.");
            if (!Roles.TryParse((string?)claims["role"], out var role))
                return (null, "TOKEN_MALFORMED", $"The bearer token's role '{(string?)claims["role"]}' is not a role of the platform.");
            var user = (string?)claims["sub"];
            var institution = (string?)claims["inst"];
            if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(institution))
                return (null, "TOKEN_MALFORMED", "The bearer token names no user (sub) or institution (inst).");
            var wards = (claims["wards"] as JsonArray)?.Select(w => (string)w!).ToList();
            return (new Principal(user, institution, role, (string?)claims["rn"], wards), null, null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            return (null, "TOKEN_MALFORMED", "The bearer token's claims are not well formed.");
        }
    }

    private static string Encode(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
