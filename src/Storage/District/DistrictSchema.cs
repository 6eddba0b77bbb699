namespace HealthRecords.Storage.District;

/// <summary>The district node's tables: its copy of the index entries its clinics own.</summary>
public static class DistrictSchema
{
    public const string Name = "district";

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "district index", """
            CREATE TABLE district_records (
                record_number TEXT PRIMARY KEY,
                identity_kind INTEGER NOT NULL,
                identity_masked TEXT NOT NULL,
                owner_institution TEXT NOT NULL,
                owner_district TEXT NOT NULL,
                status INTEGER NOT NULL,
                version BIGINT NOT NULL,
                residence_committee TEXT NOT NULL,
                enrolling_institution TEXT NOT NULL,
                enrolled_by TEXT NOT NULL,
                enrolled_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            );
            CREATE INDEX district_records_owner ON district_records (owner_institution, record_number);
            """),
    ];
}
