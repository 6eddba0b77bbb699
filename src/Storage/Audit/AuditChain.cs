using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthRecords.Storage.Audit;

/// <summary>
/// R-AC-5: the hash chain of the access audit log. Each entry's hash is SHA-256 over a canonical
/// encoding of all its fields and the previous entry's hash, so an edited, deleted, reordered or
/// inserted row breaks the chain at that row.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Lower-case hex SHA-256 of the entry's canonical encoding followed by <paramref name="previousHash"/>.</summary>
    public static string Hash(AuditedAccess entry, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encode(entry, previousHash)));

    /// <summary>
    /// Every field in a fixed order, each length-prefixed (4 bytes big-endian; -1 for null) so that no
    /// two different entries encode alike, e.g. ("ab","c") and ("a","bc").
    /// </summary>
    public static byte[] Encode(AuditedAccess entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var field in Fields(entry, previousHash))
        {
            if (field is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(length, -1);
                buffer.Write(length);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }
        return buffer.ToArray();
    }

    private static IEnumerable<string?> Fields(AuditedAccess e, string previousHash) =>
    [
        "v1",
        Number(e.AuditId),
        Number(e.At.ToUnixTimeMilliseconds()),
        e.CallerDistrict,
        e.InstitutionCode,
        e.Staff,
        e.Action,
        e.RecordNumber,
        e.Purpose,
        e.Allowed ? "1" : "0",
        e.Basis,
        e.AuthorizationMethod is { } method ? Number(method) : null,
        e.AuthorizationEvidence,
        e.UserId,
        e.Role,
        Number(e.OutcomeCode),
        e.OutcomeReason,
        previousHash,
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
