using Dapper;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.District;

/// <summary>What one city event does to the district's index, inside the transaction that applies it.</summary>
internal static class FeedApplication
{
    /// <param name="appliedAt">Now, at the district: when an off-site notice reached the owning clinic.</param>
    /// <returns>The clinics the event concerns, so that each clinic can watch its own events.</returns>
    public static async Task<IReadOnlyCollection<string>> ApplyAsync(WriteScope scope, DistrictFeedEvent e, DateTimeOffset appliedAt) => e switch
    {
        RecordIndexChanged changed => await ApplyEntryAsync(scope, changed.Entry).ConfigureAwait(false),
        RecordClosed closed => await CloseAsync(scope, closed).ConfigureAwait(false),
        // The owner changes with the record's own event; this keeps the transfer for listings and inboxes.
        TransferChanged t => await ApplyTransferAsync(scope, t).ConfigureAwait(false),
        OffsiteServiceNoticed noticed => await ApplyNoticeAsync(scope, noticed, appliedAt).ConfigureAwait(false),
        RecordIndexRepaired repaired => await ApplyRepairAsync(scope, repaired).ConfigureAwait(false),
        // R-AC-2: the owning clinic (which alone watches it) and district IT are told through the event log; no index change.
        EmergencyAccessDeclared emergency => [emergency.OwnerInstitution],
        RecordsMerged merged => await ApplyMergeAsync(scope, merged).ConfigureAwait(false),
        _ => throw new InvalidOperationException($"Unknown district event {e.GetType().Name}."),
    };

    /// <summary>The newest version wins, so a repeated or older entry changes nothing.</summary>
    private static async Task<IReadOnlyCollection<string>> ApplyEntryAsync(WriteScope scope, IndexEntry entry)
    {
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var formerOwner = await connection.ExecuteScalarAsync<string?>(
            "SELECT owner_institution FROM district_records WHERE record_number = @RecordNumber", new { entry.RecordNumber }, tx).ConfigureAwait(false);
        var applied = await connection.ExecuteAsync($"""
            INSERT INTO district_records ({DistrictRecordRow.Columns}) VALUES ({DistrictRecordRow.Parameters})
            ON CONFLICT (record_number) DO UPDATE SET
                identity_kind = excluded.identity_kind, identity_masked = excluded.identity_masked,
                owner_institution = excluded.owner_institution, owner_district = excluded.owner_district,
                status = excluded.status, version = excluded.version, updated_at_ms = excluded.updated_at_ms,
                merged_into = excluded.merged_into
            WHERE district_records.version < excluded.version
            """, DistrictRecordRow.From(entry), tx).ConfigureAwait(false);
        // R-TR-6: a record transferred back to a clinic whose copy was closed is that clinic's again.
        if (applied == 1)
            await connection.ExecuteAsync(
                "DELETE FROM district_closed_copies WHERE record_number = @RecordNumber AND institution_code = @OwnerInstitution",
                new { entry.RecordNumber, entry.OwnerInstitution }, tx).ConfigureAwait(false);
        return new HashSet<string> { entry.OwnerInstitution, formerOwner ?? entry.OwnerInstitution };
    }

    /// <summary>
    /// R-MG-3: both entries under the newest-version rule (the merged-away one leaves the managed counts),
    /// and the merged-away record points at its survivor, so the district's look-ups by the old number land there.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> ApplyMergeAsync(WriteScope scope, RecordsMerged merged)
    {
        var clinics = new HashSet<string>(await ApplyEntryAsync(scope, merged.Survivor).ConfigureAwait(false));
        clinics.UnionWith(await ApplyEntryAsync(scope, merged.MergedAway).ConfigureAwait(false));
        await scope.Connection.ExecuteAsync("UPDATE district_records SET merged_into = @survivor WHERE record_number = @mergedAway",
            new { survivor = merged.SurvivorNumber, mergedAway = merged.MergedAwayNumber }, scope.Transaction).ConfigureAwait(false);
        return clinics;
    }

    /// <summary>R-CN-2: the city's facts replace the district's entry whatever version it held; no city entry removes it.</summary>
    private static async Task<IReadOnlyCollection<string>> ApplyRepairAsync(WriteScope scope, RecordIndexRepaired repaired)
    {
        var (connection, tx) = (scope.Connection, scope.Transaction);
        var formerOwner = await connection.ExecuteScalarAsync<string?>(
            "SELECT owner_institution FROM district_records WHERE record_number = @RecordNumber", new { repaired.RecordNumber }, tx).ConfigureAwait(false);
        if (repaired.Entry is not { } entry)
        {
            await connection.ExecuteAsync("DELETE FROM district_records WHERE record_number = @RecordNumber", new { repaired.RecordNumber }, tx).ConfigureAwait(false);
            return formerOwner is null ? [] : [formerOwner];
        }
        await connection.ExecuteAsync($"""
            INSERT INTO district_records ({DistrictRecordRow.Columns}) VALUES ({DistrictRecordRow.Parameters})
            ON CONFLICT (record_number) DO UPDATE SET
                identity_kind = excluded.identity_kind, identity_masked = excluded.identity_masked,
                owner_institution = excluded.owner_institution, owner_district = excluded.owner_district,
                status = excluded.status, version = excluded.version, residence_committee = excluded.residence_committee,
                enrolling_institution = excluded.enrolling_institution, enrolled_by = excluded.enrolled_by,
                enrolled_at_ms = excluded.enrolled_at_ms, updated_at_ms = excluded.updated_at_ms, merged_into = excluded.merged_into
            """, DistrictRecordRow.From(entry), tx).ConfigureAwait(false);
        return new HashSet<string> { entry.OwnerInstitution, formerOwner ?? entry.OwnerInstitution };
    }

    /// <summary>R-TR-2, R-TR-3: the district's copy of a transfer of one of its clinics.</summary>
    private static async Task<IReadOnlyCollection<string>> ApplyTransferAsync(WriteScope scope, TransferChanged changed)
    {
        await DistrictTransfers.UpsertAsync(scope, changed.Transfer, changed.OccurredAt).ConfigureAwait(false);
        return new HashSet<string> { changed.Transfer.FromInstitution, changed.Transfer.ToInstitution };
    }

    /// <summary>R-OS-3: the notice is linked to the record for the owning clinic, which alone watches it.</summary>
    private static async Task<IReadOnlyCollection<string>> ApplyNoticeAsync(WriteScope scope, OffsiteServiceNoticed noticed, DateTimeOffset appliedAt)
    {
        await OffsiteNotices.InsertAsync(scope, noticed.Notice, appliedAt).ConfigureAwait(false);
        return [noticed.Notice.OwnerInstitution];
    }

    /// <summary>R-TR-6: after a transfer the former owner's copy takes no cover or basic-information edits.</summary>
    private static async Task<IReadOnlyCollection<string>> CloseAsync(WriteScope scope, RecordClosed closed)
    {
        await scope.Connection.ExecuteAsync("""
            INSERT INTO district_closed_copies (record_number, institution_code, closed_at_ms) VALUES (@number, @institution, @at)
            ON CONFLICT (record_number, institution_code) DO UPDATE SET closed_at_ms = excluded.closed_at_ms
            """,
            new { number = closed.RecordNumber, institution = closed.FormerInstitution, at = closed.OccurredAt.ToUnixTimeMilliseconds() },
            scope.Transaction).ConfigureAwait(false);
        return new HashSet<string> { closed.FormerInstitution, closed.NewOwnerInstitution };
    }
}
