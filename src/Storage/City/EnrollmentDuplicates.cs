using Dapper;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>
/// R-ID-1 at enrollment: a new record is compared with the live records of its block (folded name +
/// date of birth, indexed) and the probable matches join the review queue with source
/// <c>enrollment</c>, in the enrollment's own transaction — a crash keeps both or neither, and a pair
/// dismissed earlier stays dismissed (<see cref="DuplicateReviewStore.ProposeAsync(WriteScope, IReadOnlyCollection{DuplicateCandidate}, string, DateTimeOffset, CancellationToken)"/>).
/// </summary>
internal static class EnrollmentDuplicates
{
    public const string Source = "enrollment";

    // A block is one name and birth date. Enrollment compares the latest few look-alikes only, since every
    // proposal is written under the enrollment's write lock; a crowded block is work for the bulk scan.
    private const int MaxCompared = 10;

    public static async Task ProposeAsync(WriteScope scope, DuplicateReviewStore reviews, RecordState enrolled, IdentityProtector protector, CancellationToken cancellationToken)
    {
        if (DuplicateBlocks.Of(enrolled) is not { } block)
            return;
        var rows = await scope.Connection.QueryAsync<RecordRow>(new CommandDefinition($"""
            SELECT {RecordRow.Columns} FROM records
            WHERE duplicate_block = @block AND record_number <> @number AND status <> {DuplicateSchema.MergedStatus}
            ORDER BY enrolled_at_ms DESC LIMIT {MaxCompared}
            """, new { block, number = enrolled.Number.Value }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var subject = DuplicateSubject.Of(enrolled);
        var candidates = rows
            .Select(r => r.ToState(protector))
            .Select(other => new DuplicateCandidate(RecordPair.Of(enrolled.Number.Value, other.Number.Value), DuplicateDetector.Compare(subject, DuplicateSubject.Of(other))))
            .Where(c => c.Match.IsCandidate)
            .ToList();
        await reviews.ProposeAsync(scope, candidates, Source, enrolled.EnrolledAt, cancellationToken).ConfigureAwait(false);
    }
}
