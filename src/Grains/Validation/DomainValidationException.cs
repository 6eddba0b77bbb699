namespace HealthRecords.Grains.Validation;

/// <summary>
/// Input rejected by a domain rule, with one <see cref="FieldViolation"/> per invalid field
/// (R-ID-2: "invalid keys are rejected with a clear field-level error").
/// The message joins the violations as "field: description; field: description".
/// </summary>
public sealed class DomainValidationException : Exception
{
    /// <summary>Creates the exception from at least one violation.</summary>
    public DomainValidationException(IEnumerable<FieldViolation> violations)
        : this(Freeze(violations))
    {
    }

    /// <summary>Creates the exception from one violation.</summary>
    public DomainValidationException(FieldViolation violation)
        : this([violation ?? throw new ArgumentNullException(nameof(violation))])
    {
    }

    /// <summary>Creates the exception from one field path and its description.</summary>
    public DomainValidationException(string field, string description)
        : this(new FieldViolation(field, description))
    {
    }

    private DomainValidationException(FieldViolation[] violations)
        : base(string.Join("; ", violations.Select(v => v.ToString())))
    {
        Violations = violations;
    }

    /// <summary>The invalid fields, in the order they were found; never empty.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }

    private static FieldViolation[] Freeze(IEnumerable<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var array = violations.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("At least one violation is required.", nameof(violations));
        }

        if (array.Any(v => v is null))
        {
            throw new ArgumentException("Violations must not contain null.", nameof(violations));
        }

        return array;
    }
}
