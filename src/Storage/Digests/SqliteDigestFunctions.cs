using HealthRecords.Grains.Reconciliation;
using Microsoft.Data.Sqlite;

namespace HealthRecords.Storage.Digests;

/// <summary>
/// The digest's hash and modular sum for SQLite, which has neither: registered on every connection the
/// node opens, so the digest triggers (<see cref="DigestSchema"/>) run whatever statement changes a row.
/// A tool that opens the file without them cannot change an index row (no such function): by design.
/// </summary>
internal static class SqliteDigestFunctions
{
    public static void Register(SqliteConnection connection)
    {
        connection.CreateFunction("hr_index_hash",
            (string recordNumber, string owner, long status, long version) => IndexDigest.Hash(recordNumber, owner, (int)status, version),
            isDeterministic: true);
        connection.CreateAggregate("hr_digest_sum", 0L, (long sum, long digest) => IndexDigest.Add(sum, digest), isDeterministic: true);
    }
}
