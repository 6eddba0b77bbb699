using System.Security.Cryptography;
using HealthRecords.Storage.Audit;

namespace HealthRecords.Storage.Tests;

/// <summary>R-AC-5: the canonical encoding and hash of one audit entry.</summary>
public sealed class AuditChainTests
{
    private static readonly AuditedAccess Sample = new(7, new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero), "500103", "500103C01", "dr-a",
        "read_homepage", "50010300100100001", "management", true, "OwningInstitution", 2, "grant-1", "dr-a", "clinician", 0, null);

    [Fact]
    public void Hash_IsSha256OfTheEncodingAndThePreviousHash_Lowercase()
    {
        // R-AC-5
        var hash = AuditChain.Hash(Sample, AuditChain.Genesis);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(AuditChain.Encode(Sample, AuditChain.Genesis))), hash);
        Assert.Equal(hash, AuditChain.Hash(Sample with { }, AuditChain.Genesis));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    public static TheoryData<string> Changes => new()
    {
        "AuditId", "At", "CallerDistrict", "InstitutionCode", "Staff", "Action", "RecordNumber", "Purpose", "Allowed", "Basis",
        "AuthorizationMethod", "AuthorizationEvidence", "UserId", "Role", "OutcomeCode", "OutcomeReason",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Hash_CoversEveryField(string field)
    {
        // R-AC-5: an edit of any field is an edit of the hash
        var changed = field switch
        {
            "AuditId" => Sample with { AuditId = 8 },
            "At" => Sample with { At = Sample.At.AddMilliseconds(1) },
            "CallerDistrict" => Sample with { CallerDistrict = "500105" },
            "InstitutionCode" => Sample with { InstitutionCode = "500103C02" },
            "Staff" => Sample with { Staff = "dr-b" },
            "Action" => Sample with { Action = "list_service_records" },
            "RecordNumber" => Sample with { RecordNumber = null },
            "Purpose" => Sample with { Purpose = "treatment" },
            "Allowed" => Sample with { Allowed = false },
            "Basis" => Sample with { Basis = "Emergency" },
            "AuthorizationMethod" => Sample with { AuthorizationMethod = 1 },
            "AuthorizationEvidence" => Sample with { AuthorizationEvidence = "grant-2" },
            "UserId" => Sample with { UserId = "dr-b" },
            "Role" => Sample with { Role = "record_manager" },
            "OutcomeCode" => Sample with { OutcomeCode = 7 },
            _ => Sample with { OutcomeReason = "" },
        };

        Assert.NotEqual(AuditChain.Hash(Sample, AuditChain.Genesis), AuditChain.Hash(changed, AuditChain.Genesis));
    }

    [Fact]
    public void Hash_DependsOnThePreviousEntrysHash()
    {
        // R-AC-5: the link that makes deletions and reorderings visible
        Assert.NotEqual(AuditChain.Hash(Sample, AuditChain.Genesis), AuditChain.Hash(Sample, new string('1', 64)));
    }

    [Fact]
    public void Encode_KeepsFieldBoundaries_AndTellsNullFromEmpty()
    {
        // R-AC-5: no two different entries share an encoding
        var ab = Sample with { Staff = "ab", Action = "c" };
        var a = Sample with { Staff = "a", Action = "bc" };

        Assert.NotEqual(AuditChain.Encode(ab, AuditChain.Genesis), AuditChain.Encode(a, AuditChain.Genesis));
        Assert.NotEqual(AuditChain.Encode(Sample with { RecordNumber = null }, AuditChain.Genesis),
            AuditChain.Encode(Sample with { RecordNumber = "" }, AuditChain.Genesis));
    }
}
