namespace HealthRecords.Storage.City;

/// <summary>City migration 15: the last R-CN-4 data-quality report of each scope, and the late uploads by serving clinic.</summary>
internal static class QualitySchema
{
    public const string Sql = """
        -- R-CN-4: a report over a whole city streams every record, so the dashboard shows the last one computed.
        CREATE TABLE quality_reports (
            scope_key TEXT PRIMARY KEY,
            computed_at_ms BIGINT NOT NULL,
            report TEXT NOT NULL
        );
        -- R-CN-4, R-RC-4: a district's or clinic's scope holds the records its clinics uploaded late to.
        CREATE INDEX service_records_late ON service_records (district_code, institution_code, record_number) WHERE late = 1;
        """;
}
