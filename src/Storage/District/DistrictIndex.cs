using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.District;

/// <summary>
/// The district's copy of the city's index entries for its clinics' records. It only ever takes
/// the city's facts, newest version wins, so replays and out-of-order deliveries are harmless.
/// </summary>
public sealed class DistrictIndex(Database database)
{
    private const string Columns =
        "record_number, identity_kind, identity_masked, owner_institution, owner_district, status, version, " +
        "residence_committee, enrolling_institution, enrolled_by, enrolled_at_ms, updated_at_ms";

    public async Task ApplyAsync(IndexEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync($"""
            INSERT INTO district_records ({Columns})
            VALUES (@RecordNumber, @IdentityKind, @IdentityMasked, @OwnerInstitution, @OwnerDistrict, @Status, @Version,
                    @ResidenceCommittee, @EnrollingInstitution, @EnrolledBy, @EnrolledAtMs, @UpdatedAtMs)
            ON CONFLICT (record_number) DO UPDATE SET
                owner_institution = excluded.owner_institution, owner_district = excluded.owner_district,
                status = excluded.status, version = excluded.version, updated_at_ms = excluded.updated_at_ms
            WHERE district_records.version < excluded.version
            """, Row.From(entry), scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IndexEntry?> GetAsync(string recordNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM district_records WHERE record_number = @recordNumber", new { recordNumber },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToEntry();
    }

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(string? institutionCode, string? afterRecordNumber, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM district_records
            WHERE (@institutionCode IS NULL OR owner_institution = @institutionCode) AND record_number > @after
            ORDER BY record_number LIMIT @limit
            """, new { institutionCode, after = afterRecordNumber ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private sealed class Row
    {
        public string RecordNumber { get; set; } = "";
        public long IdentityKind { get; set; }
        public string IdentityMasked { get; set; } = "";
        public string OwnerInstitution { get; set; } = "";
        public string OwnerDistrict { get; set; } = "";
        public long Status { get; set; }
        public long Version { get; set; }
        public string ResidenceCommittee { get; set; } = "";
        public string EnrollingInstitution { get; set; } = "";
        public string EnrolledBy { get; set; } = "";
        public long EnrolledAtMs { get; set; }
        public long UpdatedAtMs { get; set; }

        public IndexEntry ToEntry() => new(RecordNumber, (IdentityKind)IdentityKind, IdentityMasked, OwnerInstitution,
            OwnerDistrict, (RecordStatus)Status, Version, ResidenceCommittee, EnrollingInstitution, EnrolledBy,
            DateTimeOffset.FromUnixTimeMilliseconds(EnrolledAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs));

        public static Row From(IndexEntry e) => new()
        {
            RecordNumber = e.RecordNumber, IdentityKind = (long)e.IdentityKind, IdentityMasked = e.IdentityMasked,
            OwnerInstitution = e.OwnerInstitution, OwnerDistrict = e.OwnerDistrict, Status = (long)e.Status,
            Version = e.Version, ResidenceCommittee = e.ResidenceCommittee, EnrollingInstitution = e.EnrollingInstitution,
            EnrolledBy = e.EnrolledBy, EnrolledAtMs = e.EnrolledAt.ToUnixTimeMilliseconds(),
            UpdatedAtMs = e.UpdatedAt.ToUnixTimeMilliseconds(),
        };
    }
}
