namespace HealthRecords.Storage.Audit;

/// <summary>
/// R-AC-5: recomputes the chain over the stored rows. An edited row no longer matches its hash; a
/// deleted, reordered or inserted row no longer links to its predecessor's hash; entries removed from the end no longer reach the head.
/// </summary>
internal static class AuditChainVerifier
{
    public static AuditVerification Verify(IEnumerable<AuditRow> rows, long headAuditId, string headHash)
    {
        var previous = AuditChain.Genesis;
        long lastId = 0, checkedCount = 0;
        foreach (var row in rows)
        {
            if (row.EntryHash is null || row.PrevHash is null)
                return Broken(checkedCount, row.AuditId, "the entry is not chained (inserted behind the node's back)");
            if (row.PrevHash != previous)
                return Broken(checkedCount, row.AuditId, "prev_hash does not match the previous entry (deleted, reordered or inserted)");
            var hash = AuditChain.Hash(row.ToEntry(), previous);
            if (hash != row.EntryHash)
                return Broken(checkedCount, row.AuditId, "entry_hash does not match the entry's fields (edited)");
            previous = hash;
            lastId = row.AuditId;
            checkedCount++;
        }
        if (lastId != headAuditId || previous != headHash)
            return Broken(checkedCount, headAuditId,
                $"the log ends at audit_id {lastId} but the head records {headAuditId} (entries removed from the end)");
        return new AuditVerification(checkedCount, null, null);
    }

    private static AuditVerification Broken(long checkedCount, long? auditId, string problem) => new(checkedCount, auditId, problem);
}
