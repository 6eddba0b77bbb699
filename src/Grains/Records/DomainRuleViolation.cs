namespace HealthRecords.Grains.Records;

/// <summary>A command refused by a numbered rule of DOMAIN.md; hosts answer FAILED_PRECONDITION naming it.</summary>
public sealed class DomainRuleViolation(
    string ruleId, string subject, string message, IReadOnlyDictionary<string, string>? details = null, string? reason = null) : Exception(message)
{
    public string RuleId { get; } = ruleId;

    /// <summary>What the rule was checked against, e.g. the record number.</summary>
    public string Subject { get; } = subject;

    /// <summary>What a caller's program needs to act on the refusal (e.g. the conflicting fields); sent as ErrorInfo metadata.</summary>
    public IReadOnlyDictionary<string, string>? Details { get; } = details;

    /// <summary>The ErrorInfo reason sent with <see cref="Details"/> (UPPER_SNAKE_CASE); the rule id when not given.</summary>
    public string Reason { get; } = reason ?? ruleId;
}
