using Dapper;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Import;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>
/// One import batch inside one write transaction: records in (numbers per committee, R-ID-4; the
/// journal; the district feed, R-CN-2), exact duplicates held (R-ID-1), detection against the batch
/// and the enrolled records of its blocks, proposals to the review queue, the items' answers and the
/// import's counts. Everything commits together or not at all.
/// </summary>
public sealed class ImportBatchWriter(Database database, DistrictEventLog districtLogs, DuplicateReviewStore reviews, IdentityProtector protector)
{
    internal async Task<ImportBatchResult> WriteAsync(WriteScope scope, string importId, IReadOnlyList<HistoricRecord> valid,
        IReadOnlyList<HistoricImportItem> rejected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The first write locks the import's row, so two streams of one import take turns batch by batch.
        var locked = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE historic_imports SET last_sequence = last_sequence WHERE import_id = @importId", new { importId },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (locked == 0)
            throw new InvalidOperationException($"There is no import {importId}; start it first.");
        var before = (await HistoricImportStore.ReadAsync(scope.Connection, scope.Transaction, importId, cancellationToken).ConfigureAwait(false))!;
        var answered = await AnsweredAsync(scope, importId, valid.Select(v => v.Sequence).Concat(rejected.Select(r => r.Sequence)), cancellationToken).ConfigureAwait(false);
        var fresh = valid.Where(v => !answered.ContainsKey(v.Sequence)).ToList();
        // A rejection of the sequence itself is answered, not stored: nothing could resume by it.
        var unusable = rejected.Where(r => r.Field == HistoricImportDecider.SequenceField).ToList();
        var freshRejected = rejected.Except(unusable).Where(r => !answered.ContainsKey(r.Sequence)).ToList();

        var enrolled = await EnrolledNeighboursAsync(scope, fresh, cancellationToken).ConfigureAwait(false);
        var numbers = await AllocateAsync(scope, fresh, cancellationToken).ConfigureAwait(false);
        var live = new Dictionary<IdentityKey, string>();
        foreach (var record in enrolled)
            live.TryAdd(record.Identity, record.Number.Value);
        var records = new List<ImportedRecord>(fresh.Count);
        var items = new List<HistoricImportItem>(fresh.Count + freshRejected.Count);
        foreach (var (record, number) in fresh.Zip(numbers))
        {
            var holder = HistoricImportDecider.HolderOf(record, live);
            if (holder is null)
                live[record.Enrollment.Identity] = number.Value;
            records.Add(ImportedRecord.Of(HistoricImportDecider.Enrolled(record, number), holder is not null, protector));
            items.Add(holder is null
                ? new(record.Sequence, record.HistoricId, ImportItemOutcome.Imported, number.Value, null, null)
                : new(record.Sequence, record.HistoricId, ImportItemOutcome.HeldForReview, holder, null, null) { HeldRecordNumber = number.Value });
        }
        items.AddRange(freshRejected);

        await HistoricImportRows.Records.ExecuteAsync(scope, records, cancellationToken).ConfigureAwait(false);
        await HistoricImportRows.Journal.ExecuteAsync(scope, records, cancellationToken).ConfigureAwait(false);
        foreach (var district in records.SelectMany(r => RecordChangeFeed.Enrolled(r.State)).GroupBy(d => d.DistrictCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            await districtLogs.AppendManyAsync(scope, district.Key, district.Select(d => d.Event).ToList(), cancellationToken).ConfigureAwait(false);
        // R-ID-1: a pair once queued (also dismissed) is not proposed again, so the counts are of new findings.
        var candidates = ImportDetection.Candidates(enrolled.Select(r => DuplicateSubject.Of(r)), records.Select(r => DuplicateSubject.Of(r.State)));
        var proposed = await reviews.ProposeAsync(scope, candidates, HistoricImport.SourceOf(importId), now, cancellationToken).ConfigureAwait(false);
        await HistoricImportRows.Items.ExecuteAsync(scope, items.Select(i => (importId, i)).ToList(), cancellationToken).ConfigureAwait(false);

        var added = new ImportCounts(
            items.Count(i => i.Outcome == ImportItemOutcome.Imported), items.Count(i => i.Outcome == ImportItemOutcome.HeldForReview), freshRejected.Count,
            proposed.Count(c => c.Match.Likelihood == DuplicateLikelihood.Exact), proposed.Count(c => c.Match.Likelihood == DuplicateLikelihood.Probable));
        var after = before with
        {
            LastSequence = items.Select(i => i.Sequence).Append(before.LastSequence).Max(),
            Counts = before.Counts + added,
        };
        await SaveAsync(scope, after, cancellationToken).ConfigureAwait(false);
        var answers = answered.Values.Concat(items).Concat(unusable).OrderBy(i => i.Sequence).ToList();
        return new ImportBatchResult(answers, after);
    }

    private async Task<Dictionary<long, HistoricImportItem>> AnsweredAsync(WriteScope scope, string importId, IEnumerable<long> sequences, CancellationToken cancellationToken)
    {
        var wanted = sequences.Where(s => s > 0).Distinct().ToArray();
        if (wanted.Length == 0)
            return [];
        var (condition, parameter) = database.OneOf("sequence", "sequences", wanted);
        var rows = await scope.Connection.QueryAsync<HistoricImportItemRow>(new CommandDefinition(
            $"SELECT {HistoricImportItemRow.Columns} FROM historic_import_items WHERE import_id = @importId AND {condition}",
            new { importId, sequences = parameter }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToDictionary(i => i.Sequence);
    }

    /// <summary>
    /// The live records (not merged away, not held) that share an identity or a duplicate block with
    /// the batch: two indexed look-ups for the whole batch.
    /// </summary>
    private async Task<IReadOnlyList<RecordState>> EnrolledNeighboursAsync(WriteScope scope, IReadOnlyList<HistoricRecord> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
            return [];
        var (byHash, hashes) = database.OneOf("identity_hash", "hashes", fresh.Select(r => protector.Hash(r.Enrollment.Identity)).Distinct()); // R-AC-6
        var (byBlock, blocks) = database.OneOf("duplicate_block", "blocks",
            fresh.Select(r => DuplicateBlocks.Of(new DuplicateSubject(r.HistoricId, r.Enrollment.Identity, r.Enrollment.Profile))).OfType<string>().Distinct());
        var live = $"status <> {DuplicateSchema.MergedStatus} AND held_for_review = 0";
        var rows = await scope.Connection.QueryAsync<RecordRow>(new CommandDefinition($"""
            SELECT {RecordRow.Columns} FROM records WHERE {byHash} AND {live}
            UNION ALL
            SELECT {RecordRow.Columns} FROM records WHERE {byBlock} AND {live}
            """, new { hashes, blocks }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.DistinctBy(r => r.RecordNumber).Select(r => r.ToState(protector)).ToList();
    }

    /// <summary>R-ID-4: numbers for the batch, a run of serials per committee; the serial rows stay locked until commit.</summary>
    private static async Task<IReadOnlyList<RecordNumber>> AllocateAsync(WriteScope scope, IReadOnlyList<HistoricRecord> fresh, CancellationToken cancellationToken)
    {
        var numbers = new RecordNumber[fresh.Count];
        foreach (var committee in fresh.Select((r, i) => (r.Enrollment.ResidenceCommittee, i)).GroupBy(x => x.ResidenceCommittee.Value).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var code = committee.First().ResidenceCommittee;
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO committee_serials (committee_code, last_serial) VALUES (@code, 0) ON CONFLICT (committee_code) DO NOTHING",
                new { code = committee.Key }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var count = committee.Count();
            var last = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "UPDATE committee_serials SET last_serial = last_serial + @count WHERE committee_code = @code RETURNING last_serial",
                new { code = committee.Key, count }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (last > RecordNumber.MaxSerial)
                throw new SerialsExhaustedException(code);
            var serial = last - count;
            foreach (var (_, i) in committee)
                numbers[i] = RecordNumber.Create(code, (int)++serial);
        }
        return numbers;
    }

    private static Task SaveAsync(WriteScope scope, HistoricImport import, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE historic_imports SET last_sequence = @LastSequence, imported = @Imported, held = @Held, rejected = @Rejected,
                exact_candidates = @ExactCandidates, probable_candidates = @ProbableCandidates
            WHERE import_id = @ImportId
            """,
            new
            {
                import.LastSequence, import.Counts.Imported, import.Counts.Held, import.Counts.Rejected,
                import.Counts.ExactCandidates, import.Counts.ProbableCandidates, import.ImportId,
            }, scope.Transaction, cancellationToken: cancellationToken));
}
