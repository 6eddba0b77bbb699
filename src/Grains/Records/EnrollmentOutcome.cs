namespace HealthRecords.Grains.Records;

/// <summary>R-ID-5: either a new record, or the existing one the caller must be told about.</summary>
public abstract record EnrollmentOutcome(RecordState Record)
{
    public sealed record Enrolled(RecordState Record) : EnrollmentOutcome(Record);

    /// <summary>The same request id was enrolled before: a retry, answered like the first time.</summary>
    public sealed record Replayed(RecordState Record) : EnrollmentOutcome(Record);

    /// <summary>Someone else enrolled this identity already: no second record (R-ID-1).</summary>
    public sealed record AlreadyEnrolled(RecordState Record) : EnrollmentOutcome(Record);
}
