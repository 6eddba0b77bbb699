using Dapper;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Records;

namespace HealthRecords.Storage.Digests;

/// <summary>
/// R-CN-2: one tier's side of a reconciliation, read from the digest table the triggers keep
/// (<see cref="DigestSchema"/>) and, at the finest level, from the index rows themselves. The city
/// reads its master index this way, a district its copy; the queries are the same.
/// </summary>
public sealed class IndexDigests
{
    private readonly Database _database;
    private readonly string _records;
    private readonly string _digests;

    private IndexDigests(Database database, string recordsTable, string digestsTable) =>
        (_database, _records, _digests) = (database, recordsTable, digestsTable);

    public static IndexDigests OfCity(Database database) => new(database, "records", "index_digests");

    public static IndexDigests OfDistrict(Database database) => new(database, "district_records", "district_index_digests");

    /// <summary>Each clinic named, zeros included.</summary>
    public async Task<IReadOnlyList<ClinicDigest>> ClinicsAsync(IReadOnlyCollection<string> institutionCodes, CancellationToken cancellationToken)
    {
        var (condition, value) = _database.OneOf("owner_institution", "clinics", institutionCodes);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long, long, long, long)>(new CommandDefinition($"""
            SELECT owner_institution, CAST(SUM(record_count) AS BIGINT), CAST(SUM(managed) AS BIGINT), CAST(SUM(archived) AS BIGINT), hr_digest_sum(digest)
            FROM {_digests} WHERE {condition} GROUP BY owner_institution
            """, new { clinics = value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var found = rows.ToDictionary(r => r.Item1, r => new ClinicDigest(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5), StringComparer.Ordinal);
        return institutionCodes.Select(code => found.GetValueOrDefault(code) ?? ClinicDigest.Empty(code)).ToList();
    }

    /// <summary>The ten child buckets (one more suffix digit) of each parent, zeros included.</summary>
    public async Task<IReadOnlyList<BucketDigest>> ChildrenAsync(IReadOnlyCollection<DigestBucket> parents, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var digests = new List<BucketDigest>();
        foreach (var parent in parents)
        {
            if (parent.IsLeaf)
                throw new ArgumentException($"Bucket '{parent.Suffix}' of {parent.InstitutionCode} is a leaf; it has no child buckets.", nameof(parents));
            var childDigits = parent.Suffix.Length + 1;
            var rows = await connection.QueryAsync<(string, long, long)>(new CommandDefinition($"""
                SELECT substr(suffix, {IndexDigest.LeafSuffixDigits + 1 - childDigits}), CAST(SUM(record_count) AS BIGINT), hr_digest_sum(digest)
                FROM {_digests} WHERE owner_institution = @owner AND suffix LIKE @pattern
                GROUP BY substr(suffix, {IndexDigest.LeafSuffixDigits + 1 - childDigits})
                """, new { owner = parent.InstitutionCode, pattern = "%" + parent.Suffix }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var found = rows.ToDictionary(r => r.Item1, StringComparer.Ordinal);
            digests.AddRange(parent.Children().Select(child => found.TryGetValue(child.Suffix, out var r)
                ? new BucketDigest(child, r.Item2, r.Item3)
                : new BucketDigest(child, 0, 0)));
        }
        return digests;
    }

    /// <summary>
    /// The facts of every record the clinic owns in each leaf bucket. The city names the clinics'
    /// district (<paramref name="ownerDistrict"/>): its owner index leads with the district
    /// (records_owner), and without it each clinic's query scanned every record of the city (about 1 s
    /// per differing clinic at 10M records). A district passes null: its owner index leads with the
    /// clinic, and a row it holds under one of its clinics with another district must still be listed.
    /// </summary>
    public async Task<IReadOnlyList<IndexFacts>> FactsInAsync(IReadOnlyCollection<DigestBucket> leaves, string? ownerDistrict, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var facts = new List<IndexFacts>();
        var inDistrict = ownerDistrict is null ? "" : "owner_district = @district AND ";
        foreach (var clinic in leaves.GroupBy(b => b.InstitutionCode))
        {
            var (condition, value) = _database.OneOf("substr(record_number, 15)", "suffixes", clinic.Select(b => b.Suffix).Distinct());
            facts.AddRange(await QueryFactsAsync(connection, $"{inDistrict}owner_institution = @owner AND {condition}",
                new { district = ownerDistrict, owner = clinic.Key, suffixes = value }, cancellationToken).ConfigureAwait(false));
        }
        return facts;
    }

    /// <summary>The facts of each record named that this tier holds, whoever owns it.</summary>
    public async Task<IReadOnlyList<IndexFacts>> FactsOfAsync(IReadOnlyCollection<string> recordNumbers, CancellationToken cancellationToken)
    {
        if (recordNumbers.Count == 0)
            return [];
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (condition, value) = _database.OneOf("record_number", "numbers", recordNumbers);
        return await QueryFactsAsync(connection, condition, new { numbers = value }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<IndexFacts>> QueryFactsAsync(System.Data.Common.DbConnection connection, string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string, string, string, long, long)>(new CommandDefinition(
            $"SELECT record_number, owner_institution, owner_district, status, version FROM {_records} WHERE {where} ORDER BY record_number",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new IndexFacts(r.Item1, r.Item2, r.Item3, (RecordStatus)r.Item4, r.Item5)).ToList();
    }
}
